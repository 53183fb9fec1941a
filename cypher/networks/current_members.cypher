// The current networks and their members: what a new run matches its networks against.
MATCH (p:Person)-[:MEMBER_OF]->(n:Network)
WITH n.network_id AS network_id, collect(p.person_id) AS members
// One record holding every row (a list per row, in the order of `columns`).
RETURN ['network_id', 'members'] AS columns, collect([network_id, members]) AS items
