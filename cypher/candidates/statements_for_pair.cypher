// Permission statements about one adult and child made on or before $as_of.
MATCH (a:Person {person_id: $adult_id})<-[:ABOUT_ADULT]-(s:PermissionStatement)-[:ABOUT_CHILD]->(c:Person {person_id: $child_id})
WHERE s.made_on <= $as_of
RETURN s.statement_id AS statement_id, s.made_on AS made_on
