// The people of the association graph, for labels: name, and date of birth only to show a
// child as a child at risk (never part of any score).
UNWIND $person_ids AS person_id
MATCH (p:Person {person_id: person_id})
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_id', 'forename', 'surname', 'dob'] AS columns,
       collect([p.person_id, p.forename, p.surname, p.dob]) AS items
