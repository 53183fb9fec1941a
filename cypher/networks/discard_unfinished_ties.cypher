// A store's first network run written in batches that did not finish (killed, or a batch
// refused): its ties go, in batches of their own transactions. Nothing was stored before that
// run (networks/anything_stored), so every tie is its own. Readers are refused until the guard
// is lowered after the last of these statements (ingest/end_publishing). Auto-commit.
MATCH ()-[t:TIED_TO]->()
CALL (t) { DELETE t } IN TRANSACTIONS OF 10000 ROWS
RETURN count(t) AS discarded
