// Stage a batch of new `phone` records (see ingest/stage_person). $rows: [{number, props}].
// Returns the element IDs of the new nodes in the order of $rows.
UNWIND $rows AS row
CREATE (p:Staged {staged_as: 'Phone', number: row.number})
SET p += row.props
RETURN collect(elementId(p)) AS element_ids
