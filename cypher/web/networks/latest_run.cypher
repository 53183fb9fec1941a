// The newest network detection run (null before the first): pages say "not yet run" without
// one, and keep what they read of the networks until a new run replaces them, or until people
// or reports are deleted (their counts, from Neo4j's count store: no scan). A deletion in one of
// the dashboard's processes must not leave another showing the deleted person in a network.
OPTIONAL MATCH (r:NetworkRun)
WITH r ORDER BY r.ran_at DESC LIMIT 1
RETURN r.run_id AS run_id, COUNT { (:Person) } AS people, COUNT { (:Intel) } AS reports
