// The newest network detection run (null before the first): pages say "not yet run" without
// one, and keep what they read of the networks until a new run replaces them, until people or
// reports are deleted (their counts, from Neo4j's count store: no scan), or until an ingest is
// published (the last published one's ID, ingest/end_staging: a report re-graded from code P to C
// changes no count). A change made through one of the dashboard's processes, another process or
// the command line must not leave any process showing what it removed.
OPTIONAL MATCH (r:NetworkRun)
WITH r ORDER BY r.ran_at DESC LIMIT 1
OPTIONAL MATCH (v:StoreVersion)
RETURN r.run_id AS run_id, COUNT { (:Person) } AS people, COUNT { (:Intel) } AS reports,
       v.last_ingest AS last_ingest
