// Create or update a batch of `intel` records (3x5x2 grades). $rows: [{intel_id, props}].
// Identical records are skipped. Returns the IDs of updated reports too: the direct
// relationships drawn from their links must be recomputed (grade and date are provenance).
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, reported_on: date(raw.reported_on), review_on: date(raw.review_on)} AS props
OPTIONAL MATCH (old:Intel {intel_id: row.intel_id})
WITH row, props, old
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
MERGE (i:Intel {intel_id: row.intel_id})
SET i += props
RETURN count(*) - count(old) AS created, count(old) AS updated,
       collect(CASE WHEN old IS NOT NULL THEN row.intel_id END) AS updated_ids
