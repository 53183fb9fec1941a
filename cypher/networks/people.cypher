// The people of the association graph, for labels: name, and date of birth only to show a
// child as a child at risk (never part of any score).
UNWIND $person_ids AS person_id
MATCH (p:Person {person_id: person_id})
RETURN p.person_id AS person_id, p.forename AS forename, p.surname AS surname, p.dob AS dob
