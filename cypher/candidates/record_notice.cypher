// A notice served on the adult for the child, recorded by a user; active from issued_on.
// $served_by: the officer who served it (null when not recorded).
// CREATE, not MERGE: an existing notice ID is an error, never overwritten.
MATCH (a:Person {person_id: $adult_id}), (c:Person {person_id: $child_id})
CREATE (n:Notice {notice_id: $notice_id, basis: $basis, issued_on: $issued_on, status: 'active',
                  served_by: $served_by, recorded_by: $recorded_by, recorded_at: $recorded_at})
CREATE (n)-[:SERVED_ON]->(a), (n)-[:PROTECTS]->(c)
RETURN n {.*, adult_id: a.person_id, child_id: c.person_id} AS notice
