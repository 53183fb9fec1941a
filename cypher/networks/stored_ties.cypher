// The stored ties with their fingerprints: a run writes only the rows that changed.
MATCH (a:Person)-[t:TIED_TO]->(b:Person)
// One record holding every row (a list per row, in the order of `columns`).
RETURN ['a', 'b', 'digest'] AS columns, collect([a.person_id, b.person_id, t.digest]) AS items
