// Abduction warning notices issued by $as_of on people named in the evidence ($person_ids),
// with their recorded status.
MATCH (n:Notice)-[:SERVED_ON]->(a:Person), (n)-[:PROTECTS]->(c:Person)
WHERE a.person_id IN $person_ids AND n.issued_on <= $as_of
RETURN n.notice_id AS notice_id, a.person_id AS adult_id, c.person_id AS child_id, n.basis AS basis,
       n.issued_on AS issued_on, n.status AS status
