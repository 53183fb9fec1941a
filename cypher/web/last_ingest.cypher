// The ID of the last ingest the store published (ingest/end_staging; null before the first): each
// process of the dashboard asks every 30 s, and works its slow answers out again when it has
// changed (graph_service/web/warm_up.py, watch).
OPTIONAL MATCH (v:StoreVersion)
RETURN v.last_ingest AS ingest_id
