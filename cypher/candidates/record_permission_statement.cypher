// A statement that the adult has no permission to be with the child, recorded by a user.
// CREATE, not MERGE: an existing statement ID is an error, never overwritten.
MATCH (a:Person {person_id: $adult_id}), (c:Person {person_id: $child_id}), (m:Person {person_id: $made_by_id})
CREATE (s:PermissionStatement {statement_id: $statement_id, made_on: $made_on,
                               recorded_by: $recorded_by, recorded_at: $recorded_at})
CREATE (s)-[:ABOUT_ADULT]->(a), (s)-[:ABOUT_CHILD]->(c), (s)-[:MADE_BY]->(m)
RETURN s {.*, adult_id: a.person_id, child_id: c.person_id, made_by_id: m.person_id} AS statement
