// Recorded family pairs of children at risk (under 18 on $as_of) and their relatives (`family`
// records, any relation): ties between a child and their own relatives do not make a network
// of concern. Every child's, read beside the evidence (the run needs no graph to ask).
MATCH (child:Person)-[:HAS_RELATIVE]-(relative:Person)
WHERE child.dob > date($as_of) - duration({years: 18})
WITH DISTINCT child.person_id AS person_a, relative.person_id AS person_b
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_a', 'person_b'] AS columns, collect([person_a, person_b]) AS items
