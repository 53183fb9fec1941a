// Memberships the run no longer has (a person who left the network, or the network that went).
UNWIND $members AS row
MATCH (p:Person)-[m:MEMBER_OF]->() WHERE elementId(m) = row.id
DELETE m
REMOVE p.network_id
