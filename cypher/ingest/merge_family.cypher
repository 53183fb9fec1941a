// Add a batch of `family` records: (child)-[:HAS_RELATIVE {relation}]->(relative).
// $rows: [{person_id (the child), relative_id, relation}]; the whole record is its key, so
// a record already stored is skipped and nothing is ever updated.
UNWIND $rows AS row
MATCH (child:Person {person_id: row.person_id})
MATCH (relative:Person {person_id: row.relative_id})
WITH row, child, relative
WHERE NOT EXISTS { (child)-[:HAS_RELATIVE {relation: row.relation}]->(relative) }
CREATE (child)-[:HAS_RELATIVE {relation: row.relation}]->(relative)
RETURN count(*) AS created, count(null) AS updated  // never updated: the record is its key
