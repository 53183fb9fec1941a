// Recorded family pairs among some people (`family` records, any relation): ties between a
// child and their own relatives do not make a network of concern.
UNWIND $person_ids AS person_id
MATCH (child:Person {person_id: person_id})-[:HAS_RELATIVE]-(relative:Person)
RETURN DISTINCT child.person_id AS person_a, relative.person_id AS person_b
