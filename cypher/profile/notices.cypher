// Abduction warning notices protecting any of $person_ids (the area's children at risk).
UNWIND $person_ids AS person_id
MATCH (n:Notice)-[:PROTECTS]->(:Person {person_id: person_id})
RETURN n.notice_id AS notice_id, person_id AS child_id, n.issued_on AS issued_on, n.status AS status
