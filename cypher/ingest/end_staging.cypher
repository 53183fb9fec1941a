// The last write of a published ingest (ingest/publish_staged): its Ingest node goes, and the
// store names it as the last published ingest, so that what is worked out from the store and
// kept (the review queue, whose dates an ingest can change without changing any count of
// records: retention/version) is worked out again. An ID, not a count: an emptied store that
// counted again from nought could repeat a version.
MATCH (i:Ingest {ingest_id: $ingest_id})
DELETE i
MERGE (v:StoreVersion)
SET v.last_ingest = $ingest_id
