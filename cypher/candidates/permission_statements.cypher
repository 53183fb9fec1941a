// Statements that an adult has no permission to be with a child, made by $as_of, about the
// people named in the evidence ($person_ids).
MATCH (s:PermissionStatement)-[:ABOUT_CHILD]->(c:Person), (s)-[:ABOUT_ADULT]->(a:Person)
WHERE c.person_id IN $person_ids AND s.made_on <= $as_of
OPTIONAL MATCH (s)-[:MADE_BY]->(m:Person)
RETURN s.statement_id AS statement_id, a.person_id AS adult_id, c.person_id AS child_id, s.made_on AS made_on,
       m.person_id AS made_by_id
