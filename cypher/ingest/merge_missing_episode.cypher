// Create or update a batch of `missing_episode` records: (episode)-[:OF]->(child),
// -[:FOUND_AT]->(location), -[:FOUND_WITH]->(person). $rows: [{episode_id, person_id,
// found_location (0 or 1 ID), found_with (IDs), props}]; every ID is known to exist.
// Identical records (properties and relationships) are skipped.
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, reported_at: datetime(raw.reported_at), found_at: datetime(raw.found_at),
                 return_interview_on: date(raw.return_interview_on)} AS props
OPTIONAL MATCH (old:MissingEpisode {episode_id: row.episode_id})
WITH row, props, old,
     COLLECT { MATCH (old)-[:OF]->(p:Person) RETURN p.person_id } AS was_of,
     COLLECT { MATCH (old)-[:FOUND_AT]->(l:Location) RETURN l.location_id } AS was_found_at,
     COLLECT { MATCH (old)-[:FOUND_WITH]->(p:Person) RETURN p.person_id } AS was_found_with
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
   OR was_of <> [row.person_id]
   OR was_found_at <> row.found_location
   OR size(was_found_with) <> size(row.found_with)
   OR any(id IN row.found_with WHERE NOT id IN was_found_with)
MERGE (e:MissingEpisode {episode_id: row.episode_id})
SET e += props
WITH row, props, old, e
CALL (e) {
  MATCH (e)-[r:OF|FOUND_AT|FOUND_WITH]->()
  DELETE r
}
CALL (e, row) {
  MATCH (p:Person {person_id: row.person_id})
  CREATE (e)-[:OF]->(p)
}
CALL (e, row) {
  UNWIND row.found_location AS id
  MATCH (l:Location {location_id: id})
  CREATE (e)-[:FOUND_AT]->(l)
}
CALL (e, row) {
  UNWIND row.found_with AS id
  MATCH (p:Person {person_id: id})
  CREATE (e)-[:FOUND_WITH]->(p)
}
RETURN count(*) - count(old) AS created, count(old) AS updated
