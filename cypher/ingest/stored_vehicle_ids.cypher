// Which of $ids are stored as Vehicle (reference checks: an ID must be in the ingest or stored).
UNWIND $ids AS id
MATCH (n:Vehicle {vrm: id})
RETURN n.vrm AS id
