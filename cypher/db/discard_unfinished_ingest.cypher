// Remove what an unfinished ingest staged (killed, or failed before its publish): every node
// labelled only Staged (never published), with its relationships, in batches of their own
// transactions, then the Ingest nodes that named such ingests. Nothing a reader sees is touched:
// an unpublished node carries no other label, and a published one still marked Staged (its
// ingest died before ingest/tidy_published) is left to that statement. Run in an auto-commit
// transaction (IN TRANSACTIONS needs one).
MATCH (n:Staged)
WHERE size(labels(n)) = 1
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
RETURN count(n) AS discarded
