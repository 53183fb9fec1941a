// Every area with its boundary (WKT, WGS-84), for the spatial join of places to areas.
MATCH (a:Area)
RETURN a.area_id AS area_id, a.level AS level, a.geometry AS geometry
ORDER BY area_id
