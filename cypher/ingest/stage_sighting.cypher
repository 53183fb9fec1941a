// Stage a batch of new `sighting` records (see ingest/stage_person): (sighting)-[:AT]->(location),
// -[:OF_VEHICLE]->(vehicle), -[:SAW]->(person).
// $rows: [{sighting_id, location, vehicle (0 or 1), persons (element IDs), props}].
// Returns the element IDs of the new nodes in the order of $rows (their review dates are set next).
UNWIND $rows AS row
// Date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
MATCH (place) WHERE elementId(place) = row.location
CREATE (s:Staged {staged_as: 'Sighting', sighting_id: row.sighting_id})
SET s += raw {.*, observed_at: datetime(raw.observed_at)}
CREATE (s)-[:AT]->(place)
WITH row, s
CALL (row, s) {
  UNWIND row.vehicle AS id
  MATCH (v) WHERE elementId(v) = id
  CREATE (s)-[:OF_VEHICLE]->(v)
}
CALL (row, s) {
  UNWIND row.persons AS id
  MATCH (p) WHERE elementId(p) = id
  CREATE (s)-[:SAW]->(p)
}
RETURN collect(elementId(s)) AS element_ids
