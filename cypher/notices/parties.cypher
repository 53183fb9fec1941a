// The adult and child of a notice about to be served, with what decides its legal basis: both
// dates of birth, the child's care statuses that had started by $on, and any family record
// naming the adult as the child's relative (graph_service/analysis/candidates/rules.py
// basis_refusal decides).
MATCH (a:Person {person_id: $adult_id}), (c:Person {person_id: $child_id})
RETURN a.dob AS adult_dob, c.dob AS child_dob,
       COLLECT { MATCH (c)-[:HAS_CARE_STATUS]->(s:CareStatus) WHERE s.start_on <= $on
                 RETURN s {.status, .start_on, .end_on} } AS care_statuses,
       COLLECT { MATCH (c)-[r:HAS_RELATIVE]->(a) RETURN r.relation } AS relations
