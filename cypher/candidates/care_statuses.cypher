// Care statuses of the people named in the evidence ($person_ids) that had started by $as_of
// (whether still in force is decided by the rules).
MATCH (p:Person)-[:HAS_CARE_STATUS]->(c:CareStatus)
WHERE p.person_id IN $person_ids AND c.start_on <= $as_of
RETURN p.person_id AS person_id, c.status AS status, c.start_on AS start_on, c.end_on AS end_on
