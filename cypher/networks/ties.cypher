// Ties of one network's members: inside the network, and out to people beyond it
// (other_network: the network they belong to, if any). Strongest first.
MATCH (a:Person)-[:MEMBER_OF]->(n:Network {network_id: $network_id})
MATCH (a)-[t:TIED_TO]-(b:Person)
OPTIONAL MATCH (b)-[:MEMBER_OF]->(other:Network)
WITH a, b, t, other, coalesce(other = n, false) AS inside
WHERE NOT inside OR a.person_id < b.person_id
RETURN a.person_id AS person_a, b.person_id AS person_b, inside, other.network_id AS other_network,
       t.weight AS weight, t.count AS count, t.kinds AS kinds, t.grades AS grades,
       t.first_observed AS first_observed, t.last_observed AS last_observed, t.evidence_ids AS evidence_ids
ORDER BY inside DESC, weight DESC, person_a, person_b
