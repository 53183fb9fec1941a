// Publish what an ingest staged, in the ingest's last transaction: every node staged and not yet
// published (labelled only Staged) takes the label it was staged as (Person, Link, ...). Readers
// see all of it at the commit, or none of it. Only the label is added here: one change a node is
// the least transaction state a publish can hold (a third less than also removing the staging
// marks, measured in docs/scaling.md); the marks go after the commit, in batches
// (ingest/tidy_published). Uniqueness constraints are checked here: another command that stored
// the same key since the ingest checked it makes the publish fail, and nothing is published.
MATCH (n:Staged)
WHERE size(labels(n)) = 1
SET n:$(n.staged_as)
RETURN count(n) AS published
