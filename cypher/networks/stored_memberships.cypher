// The stored memberships with their fingerprints: a run writes only the rows that changed.
MATCH (p:Person)-[m:MEMBER_OF]->(n:Network)
// One record holding every row (a list per row, in the order of `columns`).
RETURN ['person_id', 'network_id', 'digest'] AS columns, collect([p.person_id, n.network_id, m.digest]) AS items
