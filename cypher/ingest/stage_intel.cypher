// Stage a batch of new `intel` records (see ingest/stage_person). $rows: [{intel_id, props}].
// Returns the element IDs of the new nodes in the order of $rows.
UNWIND $rows AS row
// Dates arrive as ISO 8601 text.
WITH row, row.props AS raw
CREATE (i:Staged {staged_as: 'Intel', intel_id: row.intel_id})
SET i += raw {.*, reported_on: date(raw.reported_on), review_on: date(raw.review_on)}
RETURN collect(elementId(i)) AS element_ids
