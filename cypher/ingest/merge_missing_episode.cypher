// Create or update a batch of `missing_episode` records: (episode)-[:OF]->(child),
// -[:FOUND_AT]->(location), -[:FOUND_WITH]->(person). $rows: [{episode_id, person_id,
// found_location (0 or 1 ID), found_with (IDs), props}]; every ID is known to exist.
// Identical records (properties and relationships) are skipped.
UNWIND $rows AS row
OPTIONAL MATCH (old:MissingEpisode {episode_id: row.episode_id})
WITH row, old,
     COLLECT { MATCH (old)-[:OF]->(p:Person) RETURN p.person_id } AS was_of,
     COLLECT { MATCH (old)-[:FOUND_AT]->(l:Location) RETURN l.location_id } AS was_found_at,
     COLLECT { MATCH (old)-[:FOUND_WITH]->(p:Person) RETURN p.person_id } AS was_found_with
WHERE old IS NULL
   OR any(k IN keys(row.props) WHERE coalesce(old[k] <> row.props[k], old[k] IS NOT NULL OR row.props[k] IS NOT NULL))
   OR was_of <> [row.person_id]
   OR was_found_at <> row.found_location
   OR size(was_found_with) <> size(row.found_with)
   OR any(id IN row.found_with WHERE NOT id IN was_found_with)
MERGE (e:MissingEpisode {episode_id: row.episode_id})
SET e += row.props
WITH row, old, e
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
