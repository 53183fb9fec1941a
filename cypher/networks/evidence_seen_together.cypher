// Association evidence: two people in the same sighting (a recorded fact). Each sighting's
// people are gathered once and paired (faster than matching the sighting from both sides).
MATCH (s:Sighting)-[:SAW]->(p:Person)
WITH s, collect(p.person_id) AS people
WHERE size(people) > 1
WITH s.sighting_id AS evidence_id, toString(date(s.observed_at)) AS observed_on, people
UNWIND people AS person_a
UNWIND people AS person_b
WITH evidence_id, observed_on, person_a, person_b
WHERE person_a < person_b
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_a', 'person_b', 'evidence_id', 'observed_on'] AS columns,
       collect([person_a, person_b, evidence_id, observed_on]) AS items
