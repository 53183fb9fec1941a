// The last write of a published ingest (ingest/publish_staged): its Ingest node goes.
MATCH (i:Ingest {ingest_id: $ingest_id})
DELETE i
