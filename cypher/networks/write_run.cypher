// Record one detection run: when, on what date's evidence, with which parameters, and what it found.
CREATE (:NetworkRun {
  run_id: $run_id, ran_at: datetime($ran_at), as_of: date($as_of),
  method: $method, objective: $objective, resolution: $resolution, seed: $seed,
  modularity: $modularity, seconds: $seconds, projection_seconds: $projection_seconds,
  people: $people, ties: $ties, networks: $networks
})
