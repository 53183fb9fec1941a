// One area by its ID, or the areas of that name (a name may be used at two levels).
MATCH (a:Area)
WHERE a.area_id = $area OR a.name = $area
RETURN a.area_id AS area_id, a.name AS name, a.level AS level, a.geometry AS geometry
ORDER BY area_id
