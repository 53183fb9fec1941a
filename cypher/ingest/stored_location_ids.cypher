// Which of $ids are stored as Location (reference checks: an ID must be in the ingest or stored).
UNWIND $ids AS id
MATCH (n:Location {location_id: id})
RETURN n.location_id AS id
