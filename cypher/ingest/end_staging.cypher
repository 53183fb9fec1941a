// The last write of a published ingest (ingest/publish_staged): its Ingest node goes, and the
// store's count of published ingests goes up by one, so that what is worked out from the store
// and kept (the review queue, whose dates an ingest can change without changing any count of
// records: retention/version) is worked out again.
MATCH (i:Ingest {ingest_id: $ingest_id})
DELETE i
MERGE (v:StoreVersion)
SET v.ingests = coalesce(v.ingests, 0) + 1
