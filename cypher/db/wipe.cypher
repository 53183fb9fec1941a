// Delete every node and relationship, in batches. Tests use it to isolate one test from
// the next; it needs `graph-service query --write` and is never run by the service itself.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
