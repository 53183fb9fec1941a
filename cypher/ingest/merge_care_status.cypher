// Create or update a batch of `care_status` records: (person)-[:HAS_CARE_STATUS]->(status).
// $rows: [{care_status_key ("person_id|status|start_on"), person_id, props}]. The key holds
// the person, so only end_on can change. Identical records are skipped.
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, start_on: date(raw.start_on), end_on: date(raw.end_on)} AS props
OPTIONAL MATCH (old:CareStatus {care_status_key: row.care_status_key})
WITH row, props, old
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
MERGE (c:CareStatus {care_status_key: row.care_status_key})
SET c += props
WITH row, props, old, c
CALL (c, row) {
  MATCH (p:Person {person_id: row.person_id})
  MERGE (p)-[:HAS_CARE_STATUS]->(c)
}
RETURN count(*) - count(old) AS created, count(old) AS updated
