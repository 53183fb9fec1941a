// The guard every read transaction checks after its work (graph_service/db/access.py,
// docs/scaling.md "A publish in batches"): the store's generation, which a publish in batches
// raises when it begins and again when it ends, and the ID of the ingest being published then
// (null otherwise). A read that ends on the generation its connection last saw with no publish
// under way saw no part of one. A store that never had an ingest published has no such node (the
// node also names the last published ingest, ingest/end_staging: no reader's guard looks at that).
OPTIONAL MATCH (v:StoreVersion)
RETURN coalesce(v.generation, 0) AS generation, v.publishing AS publishing
