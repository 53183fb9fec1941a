// Association evidence: found together at the end of a missing episode.
// Every pair among the missing child and the people found with them, one row per episode
// (a recorded fact), dated when the child was found, else when reported missing.
MATCH (e:MissingEpisode)-[:OF]->(child:Person)
MATCH (e)-[:FOUND_WITH]->(other:Person)
WITH e, child, collect(DISTINCT other) AS found_with
WITH e, [child] + [p IN found_with WHERE p <> child] AS together
UNWIND together AS a
UNWIND together AS b
WITH e, a, b
WHERE a.person_id < b.person_id
WITH a.person_id AS person_a, b.person_id AS person_b, e.episode_id AS evidence_id, toString(date(coalesce(e.found_at, e.reported_at))) AS observed_on
ORDER BY evidence_id, person_a, person_b
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_a', 'person_b', 'evidence_id', 'observed_on'] AS columns,
       collect([person_a, person_b, evidence_id, observed_on]) AS items
