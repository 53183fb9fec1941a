// Create or update a batch of `person` records. $rows: [{person_id, props}], one per ID.
// A record identical to the stored node is skipped, so re-ingesting changes nothing. A null
// in props removes that property (the record no longer has the field); properties written
// by other parts of the service are kept.
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, dob: date(raw.dob)} AS props
OPTIONAL MATCH (old:Person {person_id: row.person_id})
WITH row, props, old
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
MERGE (p:Person {person_id: row.person_id})
SET p += props
RETURN count(*) - count(old) AS created, count(old) AS updated
