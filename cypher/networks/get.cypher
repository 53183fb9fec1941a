// One network and the run that last found it (whether or not the latest run still does).
MATCH (n:Network {network_id: $network_id})
OPTIONAL MATCH (r:NetworkRun {run_id: n.run_id})
RETURN n.network_id AS network_id, n.active AS active, n.size AS size, n.children AS children_at_risk,
       n.concern_rank AS rank, coalesce(n.concern_score, 0.0) AS concern_score,
       coalesce(n.concern_reasons, []) AS reasons,
       n.first_detected_at AS first_detected_at, n.detected_at AS detected_at,
       r {.run_id, .ran_at, .as_of, .method, .objective, .resolution, .seed, .modularity} AS run
