// The people, for the association graph's labels: name, and date of birth only to show a
// child as a child at risk (never part of any score). Every person, read beside the evidence
// statements (one scan is cheaper than looking up the tied people one by one afterwards).
MATCH (p:Person)
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_id', 'forename', 'surname', 'dob'] AS columns,
       collect([p.person_id, p.forename, p.surname, toString(p.dob)]) AS items
