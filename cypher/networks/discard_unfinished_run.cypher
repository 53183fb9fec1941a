// A store's first network run written in batches that did not finish: the run and the networks
// it found (none was stored before it, networks/anything_stored), after their memberships.
MATCH (r:NetworkRun {run_id: $run_id})
OPTIONAL MATCH (n:Network)-[:FOUND_BY]->(r)
WITH r, collect(n) AS networks
FOREACH (n IN networks | DETACH DELETE n)
DETACH DELETE r
RETURN size(networks) AS networks
