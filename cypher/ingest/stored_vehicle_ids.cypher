// Which of $ids are stored as Vehicle, with their element IDs (reference checks: an ID must be
// in the ingest or stored; records staged by the ingest refer to stored nodes by element ID).
UNWIND $ids AS id
MATCH (n:Vehicle {vrm: id})
RETURN n.vrm AS id, elementId(n) AS element_id
