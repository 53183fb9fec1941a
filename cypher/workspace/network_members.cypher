// The people of one network (the latest detection run's), for a link chart or an export.
MATCH (p:Person)-[:MEMBER_OF]->(:Network {network_id: $network_id})
RETURN p.person_id AS person_id
ORDER BY person_id
