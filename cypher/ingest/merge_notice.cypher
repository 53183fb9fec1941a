// Create or update a batch of `notice` records (abduction warning notices):
// (notice)-[:SERVED_ON]->(adult), (notice)-[:PROTECTS]->(child).
// $rows: [{notice_id, adult_id, child_id, props}]. Identical records are skipped.
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, issued_on: date(raw.issued_on), ended_on: date(raw.ended_on)} AS props
OPTIONAL MATCH (old:Notice {notice_id: row.notice_id})
WITH row, props, old,
     COLLECT { MATCH (old)-[:SERVED_ON]->(p:Person) RETURN p.person_id } AS was_served_on,
     COLLECT { MATCH (old)-[:PROTECTS]->(p:Person) RETURN p.person_id } AS was_protecting
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
   OR was_served_on <> [row.adult_id]
   OR was_protecting <> [row.child_id]
MERGE (n:Notice {notice_id: row.notice_id})
SET n += props
WITH row, props, old, n
CALL (n) {
  MATCH (n)-[r:SERVED_ON|PROTECTS]->()
  DELETE r
}
CALL (n, row) {
  MATCH (adult:Person {person_id: row.adult_id})
  MATCH (child:Person {person_id: row.child_id})
  CREATE (n)-[:SERVED_ON]->(adult)
  CREATE (n)-[:PROTECTS]->(child)
}
RETURN count(*) - count(old) AS created, count(old) AS updated
