// The members of one network, as the network analysis wrote them back (docs/networks.md).
MATCH (p:Person)-[:MEMBER_OF]->(n:Network {network_id: $network_id})
RETURN p.person_id AS person_id
