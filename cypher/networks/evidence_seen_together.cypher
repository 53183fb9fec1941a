// Association evidence: two people in the same sighting (a recorded fact).
MATCH (a:Person)<-[:SAW]-(s:Sighting)-[:SAW]->(b:Person)
WHERE a.person_id < b.person_id
WITH a.person_id AS person_a, b.person_id AS person_b, s.sighting_id AS evidence_id, toString(date(s.observed_at)) AS observed_on
ORDER BY evidence_id, person_a, person_b
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_a', 'person_b', 'evidence_id', 'observed_on'] AS columns,
       collect([person_a, person_b, evidence_id, observed_on]) AS items
