// Ingests that began staging and neither published nor were discarded (docs/scaling.md).
MATCH (i:Ingest)
RETURN i.ingest_id AS ingest_id, toString(i.started_at) AS started_at, i.records AS records
ORDER BY started_at
