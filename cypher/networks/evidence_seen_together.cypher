// Association evidence: two people in the same sighting (a recorded fact).
MATCH (a:Person)<-[:SAW]-(s:Sighting)-[:SAW]->(b:Person)
WHERE a.person_id < b.person_id
RETURN a.person_id AS person_a, b.person_id AS person_b, s.sighting_id AS evidence_id,
       date(s.observed_at) AS observed_on
ORDER BY evidence_id, person_a, person_b
