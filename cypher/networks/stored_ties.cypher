// The stored ties with their fingerprints and weights: a run writes only what changed, finding
// each row again by its element ID (read in the same transaction, where it holds).
MATCH (a:Person)-[t:TIED_TO]->(b:Person)
// One record holding every row (a list per row, in the order of `columns`).
RETURN ['a', 'b', 'digest', 'weight', 'id'] AS columns, collect([a.person_id, b.person_id, t.digest, t.weight, elementId(t)]) AS items
