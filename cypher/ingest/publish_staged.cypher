// Publish what an ingest staged, in the ingest's last transaction: every Staged node takes
// the label it was staged as (Person, Link, ...) and loses its staging marks, and the Ingest
// node that named the ingest goes. Readers see all of it at the commit, or none of it.
// Uniqueness constraints are checked here: another command that stored the same key since
// the ingest checked it makes the publish fail, and nothing is published.
MATCH (n:Staged)
SET n:$(n.staged_as)
REMOVE n:Staged, n.staged_as
RETURN count(n) AS published
