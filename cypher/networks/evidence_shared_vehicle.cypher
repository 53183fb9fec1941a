// Association evidence: two people who both use one vehicle (uses_vehicle: owner, driver,
// keeper). One row per vehicle and pair, with each person's evidence of use (link ID, grades,
// date); Python takes each person's best item and the weaker of the two.
MATCH (p:Person)<-[:SUBJECT]-(l:Link {relation: 'uses_vehicle'})-[:OBJECT]->(v:Vehicle)
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH v, p, collect({id: l.link_id, source_evaluation: i.source_evaluation,
                    intelligence_assessment: i.intelligence_assessment,
                    observed_on: toString(coalesce(date(l.observed_at), i.reported_on))}) AS uses
WITH v, collect({person_id: p.person_id, uses: uses}) AS users
WHERE size(users) > 1
UNWIND users AS a
UNWIND users AS b
WITH v, a, b
WHERE a.person_id < b.person_id
WITH v.vrm AS vrm, a.person_id AS person_a, a.uses AS uses_a, b.person_id AS person_b, b.uses AS uses_b
ORDER BY vrm, person_a, person_b
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['vrm', 'person_a', 'uses_a', 'person_b', 'uses_b'] AS columns,
       collect([vrm, person_a, uses_a, person_b, uses_b]) AS items
