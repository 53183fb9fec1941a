// The current networks, with how many members are children at risk and the top key players.
MATCH (n:Network {active: true})
OPTIONAL MATCH (p:Person)-[m:MEMBER_OF]->(n)
WITH n, p, m
ORDER BY m.key_player_rank
WITH n, count(p) AS members, count(CASE WHEN m.child THEN 1 END) AS children_at_risk,
     collect(CASE WHEN m.key_player_rank IS NOT NULL THEN p.person_id END)[..3] AS key_players
RETURN n.network_id AS network_id, members, children_at_risk, key_players,
       n.first_detected_at AS first_detected_at, n.detected_at AS detected_at
ORDER BY network_id
