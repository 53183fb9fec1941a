// After a publish commits: published nodes lose their staging marks (the Staged label, which no
// reader matches, and staged_as), in batches of their own transactions, so that the publish
// itself holds one change a node. A node with a label besides Staged was published. Run in an
// auto-commit transaction (IN TRANSACTIONS needs one); run again by the next ingest if a process
// died before it finished (graph_service/db/unfinished.py).
MATCH (n:Staged)
WHERE size(labels(n)) > 1
CALL (n) { REMOVE n:Staged, n.staged_as } IN TRANSACTIONS OF 20000 ROWS
RETURN count(n) AS tidied
