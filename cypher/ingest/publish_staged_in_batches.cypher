// Publish what an ingest staged, in batches of their own transactions, while the store's guard
// says an ingest is being published (ingest/begin_publishing) so that no reader sees part of it:
// every node labelled only Staged takes the label it was staged as, as in ingest/publish_staged,
// but a batch at a time, so that an ingest of any size fits the server's memory. Run in an
// auto-commit transaction (IN TRANSACTIONS needs one). A batch that fails (a key stored meanwhile
// by another command) stops it; the ingest then removes everything it staged.
MATCH (n:Staged)
WHERE size(labels(n)) = 1
CALL (n) { SET n:$(n.staged_as) } IN TRANSACTIONS OF $batch ROWS
RETURN count(n) AS published
