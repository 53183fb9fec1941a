// The current networks and their members: what a new run matches its networks against.
MATCH (p:Person)-[:MEMBER_OF]->(n:Network)
RETURN n.network_id AS network_id, collect(p.person_id) AS members
ORDER BY network_id
