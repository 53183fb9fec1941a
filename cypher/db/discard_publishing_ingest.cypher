// Remove everything an ingest staged whose publish in batches did not finish (killed, or a batch
// refused): every node still marked Staged, published by a batch or not, with its relationships,
// in batches of their own transactions. Readers are refused while the store's guard names the
// publish (db/publish_state), so none saw these nodes; every other ingest's marks had come off
// before this one began (ingest/tidy_published runs first in every ingest). Run in an auto-commit
// transaction (IN TRANSACTIONS needs one); ingest/end_publishing lowers the guard afterwards.
MATCH (n:Staged)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
RETURN count(n) AS discarded
