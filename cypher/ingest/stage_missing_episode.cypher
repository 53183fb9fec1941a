// Stage a batch of new `missing_episode` records (see ingest/stage_person):
// (episode)-[:OF]->(child), -[:FOUND_AT]->(location), -[:FOUND_WITH]->(person).
// $rows: [{episode_id, person, found_location (0 or 1), found_with (element IDs), props}].
// Returns the element IDs of the new nodes in the order of $rows (their review dates are set next).
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
MATCH (child) WHERE elementId(child) = row.person
CREATE (e:Staged {staged_as: 'MissingEpisode', episode_id: row.episode_id})
SET e += raw {.*, reported_at: datetime(raw.reported_at), found_at: datetime(raw.found_at),
              return_interview_on: date(raw.return_interview_on)}
CREATE (e)-[:OF]->(child)
WITH row, e
CALL (row, e) {
  UNWIND row.found_location AS id
  MATCH (l) WHERE elementId(l) = id
  CREATE (e)-[:FOUND_AT]->(l)
}
CALL (row, e) {
  UNWIND row.found_with AS id
  MATCH (p) WHERE elementId(p) = id
  CREATE (e)-[:FOUND_WITH]->(p)
}
RETURN collect(elementId(e)) AS element_ids
