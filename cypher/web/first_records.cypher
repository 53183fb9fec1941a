// The first person, vehicle, place and active network by ID (null where there is none): the
// dashboard's warm-up runs their pages' statements once so that Neo4j has planned them before a
// first visitor asks (graph_service/web/warm_up.py). The first by ID, not the busiest: what is
// warmed is the plans, not the records a visitor will open.
RETURN head(COLLECT { MATCH (p:Person) RETURN p.person_id ORDER BY p.person_id LIMIT 1 }) AS person_id,
       head(COLLECT { MATCH (v:Vehicle) RETURN v.vrm ORDER BY v.vrm LIMIT 1 }) AS vrm,
       head(COLLECT { MATCH (l:Location) RETURN l.location_id ORDER BY l.location_id LIMIT 1 }) AS location_id,
       head(COLLECT { MATCH (n:Network) WHERE n.active RETURN n.network_id ORDER BY n.network_id LIMIT 1 })
         AS network_id
