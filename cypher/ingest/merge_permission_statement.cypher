// Create or update a batch of `permission_statement` records: the statement that an adult
// has no permission to be with a child, (statement)-[:ABOUT_CHILD]->(child),
// -[:ABOUT_ADULT]->(adult), -[:MADE_BY]->(parent, carer or local authority contact).
// $rows: [{statement_id, child_id, adult_id, made_by_id, props}]. Identical records are skipped.
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, made_on: date(raw.made_on)} AS props
OPTIONAL MATCH (old:PermissionStatement {statement_id: row.statement_id})
WITH row, props, old,
     COLLECT { MATCH (old)-[:ABOUT_CHILD]->(p:Person) RETURN p.person_id } AS was_child,
     COLLECT { MATCH (old)-[:ABOUT_ADULT]->(p:Person) RETURN p.person_id } AS was_adult,
     COLLECT { MATCH (old)-[:MADE_BY]->(p:Person) RETURN p.person_id } AS was_made_by
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
   OR was_child <> [row.child_id]
   OR was_adult <> [row.adult_id]
   OR was_made_by <> [row.made_by_id]
MERGE (s:PermissionStatement {statement_id: row.statement_id})
SET s += props
WITH row, props, old, s
CALL (s) {
  MATCH (s)-[r:ABOUT_CHILD|ABOUT_ADULT|MADE_BY]->()
  DELETE r
}
CALL (s, row) {
  MATCH (child:Person {person_id: row.child_id})
  MATCH (adult:Person {person_id: row.adult_id})
  MATCH (maker:Person {person_id: row.made_by_id})
  CREATE (s)-[:ABOUT_CHILD]->(child)
  CREATE (s)-[:ABOUT_ADULT]->(adult)
  CREATE (s)-[:MADE_BY]->(maker)
}
RETURN count(*) - count(old) AS created, count(old) AS updated
