// Members of the run's networks with their key-player scores and the words the service uses
// for them (a child is a child at risk first), new since the last run; `digest` is
// the row's fingerprint. Person.network_id is a copy for quick filters.
UNWIND $members AS row
MATCH (p:Person {person_id: row.person_id})
MATCH (n:Network {network_id: row.network_id})
CREATE (p)-[:MEMBER_OF {
  digest: row.digest, weighted_degree: row.weighted_degree, betweenness: row.betweenness,
  brokerage: row.brokerage, bridges: row.bridges, key_player_rank: row.key_player_rank,
  key_player_reasons: row.key_player_reasons, child: row.child, role: row.role
}]->(n)
SET p.network_id = row.network_id
