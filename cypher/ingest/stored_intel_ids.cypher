// Which of $ids are stored as Intel (reference checks: an ID must be in the ingest or stored).
UNWIND $ids AS id
MATCH (n:Intel {intel_id: id})
RETURN n.intel_id AS id
