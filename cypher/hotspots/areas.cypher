// The loaded areas with their boundaries (WKT, WGS84), largest level first: the masks a hot
// spot analysis runs within (graph_service/analysis/hotspots/mask.py).
MATCH (a:Area)
RETURN a.area_id AS area_id, a.name AS name, a.level AS level, a.geometry AS geometry
ORDER BY CASE a.level WHEN 'force' THEN 0 WHEN 'local_authority' THEN 1 ELSE 2 END, a.name, a.area_id
