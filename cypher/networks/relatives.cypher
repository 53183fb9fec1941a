// Recorded family pairs among some people (`family` records, any relation): ties between a
// child and their own relatives do not make a network of concern.
UNWIND $person_ids AS person_id
MATCH (child:Person {person_id: person_id})-[:HAS_RELATIVE]-(relative:Person)
WITH DISTINCT child.person_id AS person_a, relative.person_id AS person_b
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_a', 'person_b'] AS columns, collect([person_a, person_b]) AS items
