// The current networks in order of concern (rank 1 first; networks not of concern after, by
// ID), a page at a time: $of_concern true or false keeps one of the two groups, null both.
// $person_ids, when not null, keeps the networks with a member among them (the people whose
// evidence lies in an area: cypher/areas/people_with_evidence.cypher).
MATCH (n:Network {active: true})
WHERE ($of_concern IS NULL OR (n.concern_rank IS NOT NULL) = $of_concern)
  AND ($person_ids IS NULL OR EXISTS { MATCH (p:Person)-[:MEMBER_OF]->(n) WHERE p.person_id IN $person_ids })
WITH n
ORDER BY n.concern_rank IS NULL, n.concern_rank, n.network_id
SKIP $skip LIMIT $limit
CALL (n) {
  OPTIONAL MATCH (p:Person)-[m:MEMBER_OF]->(n)
  WITH p, m
  ORDER BY m.key_player_rank
  RETURN count(p) AS members, count(CASE WHEN m.child THEN 1 END) AS children_at_risk,
         collect(CASE WHEN m.key_player_rank IS NOT NULL THEN p.person_id END)[..3] AS key_players
}
RETURN n.network_id AS network_id, n.concern_rank AS rank, coalesce(n.concern_score, 0.0) AS concern_score,
       coalesce(n.concern_reasons, []) AS reasons, members, children_at_risk, key_players,
       n.first_detected_at AS first_detected_at, n.detected_at AS detected_at
