// Create or update a batch of areas loaded from a boundary file (`graph-service areas load`).
// $rows: [{area_id, name, level, geometry (WKT, WGS-84), source}]. An area's ID is its level and
// name, so loading a newer file of the same level replaces each area's boundary.
UNWIND $rows AS row
OPTIONAL MATCH (old:Area {area_id: row.area_id})
MERGE (a:Area {area_id: row.area_id})
SET a.name = row.name, a.level = row.level, a.geometry = row.geometry, a.source = row.source,
    a.loaded_at = datetime()
RETURN count(*) - count(old) AS created, count(old) AS updated
