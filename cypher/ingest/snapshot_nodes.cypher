// Every node with its labels and properties, in a stable order: a snapshot of the store to
// compare before and after an ingest (tests: a rejected ingest leaves the store as it was). The
// store's version (db/publish_state), raised by every publish in batches, is not a record.
MATCH (n)
WHERE NOT n:StoreVersion
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY id
