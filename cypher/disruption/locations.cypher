// Names and categories of the locations $location_ids.
MATCH (loc:Location)
WHERE loc.location_id IN $location_ids
RETURN loc.location_id AS location_id, loc.name AS name, loc.category AS category
