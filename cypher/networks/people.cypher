// The children at risk (under 18 on $as_of) and their dates of birth, only so that the
// service can show a child as a child at risk (never part of any score). Names are not read:
// nothing in a run shows them, and every person's row was a sixth of the projection's reads.
MATCH (p:Person)
WHERE p.dob > date($as_of) - duration({years: 18})
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_id', 'dob'] AS columns, collect([p.person_id, toString(p.dob)]) AS items
