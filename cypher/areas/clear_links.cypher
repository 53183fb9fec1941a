// Forget which areas every place is in, before the spatial join writes them again.
MATCH (:Location)-[r:IN_AREA]->(:Area)
DELETE r
