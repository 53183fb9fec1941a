// One network and the run that last found it (whether or not the latest run still does).
MATCH (n:Network {network_id: $network_id})
OPTIONAL MATCH (r:NetworkRun {run_id: n.run_id})
RETURN n.network_id AS network_id, n.active AS active, n.size AS size, n.children AS children_at_risk,
       n.first_detected_at AS first_detected_at, n.detected_at AS detected_at,
       r {.run_id, .ran_at, .as_of, .method, .objective, .resolution, .seed, .modularity} AS run
