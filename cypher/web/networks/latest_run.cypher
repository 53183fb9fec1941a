// The newest network detection run (null before the first): pages say "not yet run" without
// one, and keep what they read of the networks until a new run replaces them.
OPTIONAL MATCH (r:NetworkRun)
WITH r ORDER BY r.ran_at DESC LIMIT 1
RETURN r.run_id AS run_id
