// Memberships the run keeps with other values besides their scores (key-player rank, role,
// bridges): every value set in place, which costs the server a fraction of deleting the
// relationship and creating it again (docs/networks.md).
UNWIND $members AS row
MATCH ()-[m:MEMBER_OF]->() WHERE elementId(m) = row.id
SET m.digest = row.digest, m.weighted_degree = row.weighted_degree, m.betweenness = row.betweenness,
    m.brokerage = row.brokerage, m.bridges = row.bridges, m.key_player_rank = row.key_player_rank,
    m.key_player_reasons = row.key_player_reasons, m.child = row.child, m.role = row.role
