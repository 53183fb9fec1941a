// Which of $ids are stored as Person (reference checks: an ID must be in the ingest or stored).
UNWIND $ids AS id
MATCH (n:Person {person_id: id})
RETURN n.person_id AS id
