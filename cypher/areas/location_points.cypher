// Every place with its coordinates, for the spatial join of places to areas.
MATCH (l:Location)
RETURN l.location_id AS location_id, l.lat AS lat, l.lon AS lon
