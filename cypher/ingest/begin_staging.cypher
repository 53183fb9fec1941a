// Note that an ingest has begun staging (docs/scaling.md): the Ingest node names it until
// ingest/publish_staged ends it, or db/discard_unfinished_ingest removes what it staged.
CREATE (i:Ingest {ingest_id: $ingest_id, started_at: datetime(), records: $records})
RETURN i.ingest_id AS ingest_id
