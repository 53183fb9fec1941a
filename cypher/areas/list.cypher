// The loaded areas, largest level first, with how many places each holds.
MATCH (a:Area)
OPTIONAL MATCH (l:Location)-[:IN_AREA]->(a)
WITH a, count(l) AS places
RETURN a.area_id AS area_id, a.name AS name, a.level AS level, a.source AS source, places
ORDER BY CASE a.level WHEN 'force' THEN 0 WHEN 'local_authority' THEN 1 ELSE 2 END, a.name
