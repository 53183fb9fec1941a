// Memberships the run no longer has, or has with other values (written again after this).
UNWIND $members AS row
MATCH (p:Person {person_id: row.person_id})-[m:MEMBER_OF]->(:Network {network_id: row.network_id})
DELETE m
REMOVE p.network_id
