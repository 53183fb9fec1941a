// Create or update a batch of `cse_concern` records (a level of CSE concern on a child at a
// date): (concern)-[:CONCERNS]->(child). $rows: [{concern_id, person_id, props}]; the person
// is known to exist. Identical records are skipped. Each assessment is its own node, so a
// child's history of levels is kept; the newest by assessed_on is the current one.
UNWIND $rows AS row
// Dates arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, assessed_on: date(raw.assessed_on), review_on: date(raw.review_on)} AS props
OPTIONAL MATCH (old:CseConcern {concern_id: row.concern_id})
WITH row, props, old,
     COLLECT { MATCH (old)-[:CONCERNS]->(p:Person) RETURN p.person_id } AS was_about
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
   OR was_about <> [row.person_id]
MERGE (c:CseConcern {concern_id: row.concern_id})
SET c += props
WITH row, old, c
CALL (c) {
  MATCH (c)-[r:CONCERNS]->()
  DELETE r
}
CALL (c, row) {
  MATCH (p:Person {person_id: row.person_id})
  CREATE (c)-[:CONCERNS]->(p)
}
RETURN count(*) - count(old) AS created, count(old) AS updated
