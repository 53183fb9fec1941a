// Remove what an unfinished ingest staged (killed, or failed before its publish): every node
// still labelled Staged, with its relationships, in batches of their own transactions, then
// the Ingest nodes that named such ingests. Nothing a reader sees is touched: staged nodes
// carry no other label. Run in an auto-commit transaction (IN TRANSACTIONS needs one).
MATCH (n:Staged)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
RETURN count(n) AS discarded
