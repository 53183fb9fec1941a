// Which of $person_ids are stored (review actions refuse to write about unknown people).
MATCH (p:Person)
WHERE p.person_id IN $person_ids
RETURN p.person_id AS person_id
