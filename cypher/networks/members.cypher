// Members of one network: key players first (by rank), then by weighted degree.
MATCH (p:Person)-[m:MEMBER_OF]->(:Network {network_id: $network_id})
RETURN p.person_id AS person_id, trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')) AS name,
       m.role AS role, m.child AS child_at_risk, m.key_player_rank AS key_player_rank,
       m.key_player_reasons AS key_player_reasons, m.weighted_degree AS weighted_degree,
       m.betweenness AS betweenness, m.brokerage AS brokerage, m.bridges AS bridges
ORDER BY coalesce(m.key_player_rank, 1000000), m.weighted_degree DESC, person_id
