// Create or update a batch of `care_status` records: (person)-[:HAS_CARE_STATUS]->(status).
// $rows: [{care_status_key ("person_id|status|start_on"), person_id, props}]. The key holds
// the person, so only end_on can change. Identical records are skipped.
UNWIND $rows AS row
OPTIONAL MATCH (old:CareStatus {care_status_key: row.care_status_key})
WITH row, old
WHERE old IS NULL
   OR any(k IN keys(row.props) WHERE coalesce(old[k] <> row.props[k], old[k] IS NOT NULL OR row.props[k] IS NOT NULL))
MERGE (c:CareStatus {care_status_key: row.care_status_key})
SET c += row.props
WITH row, old, c
CALL (c, row) {
  MATCH (p:Person {person_id: row.person_id})
  MERGE (p)-[:HAS_CARE_STATUS]->(c)
}
RETURN count(*) - count(old) AS created, count(old) AS updated
