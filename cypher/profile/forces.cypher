// The force areas loaded: a profile asked for without an area is the force's, when there is one.
MATCH (a:Area {level: 'force'})
RETURN a.area_id AS area_id, a.name AS name
ORDER BY a.area_id
