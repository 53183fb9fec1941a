// Before a publish in batches (an ingest too large to publish in one transaction): raise the
// store's generation and name the ingest being published, in a transaction of its own. From this
// commit every read transaction is refused (db/publish_state) until ingest/end_publishing, or the
// clean-up of a publish that did not finish (db/discard_publishing_ingest), lowers it again.
MERGE (v:StoreVersion)
SET v.generation = coalesce(v.generation, 0) + 1, v.publishing = $ingest_id
RETURN v.generation AS generation
