// Networks the run did not find again are retired (kept, with active = false); the run's own
// are marked active by write_networks. Memberships and ties are replaced row by row, only where
// they changed (graph_service/analysis/network_store.py).
MATCH (n:Network)
WHERE n.active AND NOT n.network_id IN $network_ids
SET n.active = false
