// Create or update a batch of `sighting` records: (sighting)-[:AT]->(location),
// -[:OF_VEHICLE]->(vehicle), -[:SAW]->(person). $rows: [{sighting_id, location_id,
// vehicle (0 or 1 normalised VRM), person_ids, props}]; every ID is known to exist.
// Identical records (properties and relationships) are skipped.
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, observed_at: datetime(raw.observed_at)} AS props
OPTIONAL MATCH (old:Sighting {sighting_id: row.sighting_id})
WITH row, props, old,
     COLLECT { MATCH (old)-[:AT]->(l:Location) RETURN l.location_id } AS was_at,
     COLLECT { MATCH (old)-[:OF_VEHICLE]->(v:Vehicle) RETURN v.vrm } AS was_vehicle,
     COLLECT { MATCH (old)-[:SAW]->(p:Person) RETURN p.person_id } AS was_saw
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
   OR was_at <> [row.location_id]
   OR was_vehicle <> row.vehicle
   OR size(was_saw) <> size(row.person_ids)
   OR any(id IN row.person_ids WHERE NOT id IN was_saw)
MERGE (s:Sighting {sighting_id: row.sighting_id})
SET s += props
WITH row, props, old, s
CALL (s) {
  MATCH (s)-[r:AT|OF_VEHICLE|SAW]->()
  DELETE r
}
CALL (s, row) {
  MATCH (l:Location {location_id: row.location_id})
  CREATE (s)-[:AT]->(l)
}
CALL (s, row) {
  UNWIND row.vehicle AS vrm
  MATCH (v:Vehicle {vrm: vrm})
  CREATE (s)-[:OF_VEHICLE]->(v)
}
CALL (s, row) {
  UNWIND row.person_ids AS id
  MATCH (p:Person {person_id: id})
  CREATE (s)-[:SAW]->(p)
}
RETURN count(*) - count(old) AS created, count(old) AS updated
