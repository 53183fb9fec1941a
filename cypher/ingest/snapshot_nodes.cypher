// Every node with its labels and properties, in a stable order: a snapshot of the store to
// compare before and after an ingest (tests: a rejected ingest leaves the store as it was).
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY id
