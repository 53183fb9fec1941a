// The run's networks: kept IDs are updated, new ones created; each is linked to the run.
MATCH (r:NetworkRun {run_id: $run_id})
UNWIND $networks AS row
MERGE (n:Network {network_id: row.network_id})
  ON CREATE SET n.first_detected_at = r.ran_at
SET n.active = true, n.size = row.size, n.children = row.children,
    n.concern_rank = row.concern_rank, n.concern_score = row.concern_score, n.concern_reasons = row.concern_reasons,
    n.run_id = $run_id, n.detected_at = r.ran_at, n.as_of = r.as_of,
    n.method = $method, n.objective = $objective, n.resolution = $resolution, n.seed = $seed
MERGE (n)-[:FOUND_BY]->(r)
