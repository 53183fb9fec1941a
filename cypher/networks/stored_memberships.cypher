// The stored memberships with their fingerprints and scores: a run writes only what changed,
// finding each row again by its element ID (read in the same transaction, where it holds).
MATCH (p:Person)-[m:MEMBER_OF]->(n:Network)
// One record holding every row (a list per row, in the order of `columns`).
RETURN ['person_id', 'network_id', 'digest', 'weighted_degree', 'betweenness', 'brokerage', 'id'] AS columns,
       collect([p.person_id, n.network_id, m.digest, m.weighted_degree, m.betweenness, m.brokerage, elementId(m)]) AS items
