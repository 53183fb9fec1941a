// The last write of a published ingest (ingest/publish_staged): its Ingest node goes, and the
// store names it as the last published ingest, so that what is worked out from the store and
// kept (hot spot layers, profiles, network pages) is worked out again. An ID, not a count: an
// emptied store that counted again from nought could repeat a version. The ingest dated its
// records under the policy in force ($review_policy, retention/set_review_due), having first
// dated the store's under it if they were not.
MATCH (i:Ingest {ingest_id: $ingest_id})
DELETE i
MERGE (v:StoreVersion)
SET v.last_ingest = $ingest_id, v.review_policy = $review_policy
