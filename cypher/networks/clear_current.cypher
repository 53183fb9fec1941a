// Before a run is written: drop the previous run's memberships and ties, and mark every
// network retired until the new run finds it again. Network nodes and runs are kept.
CALL () {
  MATCH (:Person)-[m:MEMBER_OF]->(:Network)
  DELETE m
}
CALL () {
  MATCH (:Person)-[t:TIED_TO]->(:Person)
  DELETE t
}
CALL () {
  MATCH (p:Person)
  WHERE p.network_id IS NOT NULL
  REMOVE p.network_id
}
MATCH (n:Network)
SET n.active = false
