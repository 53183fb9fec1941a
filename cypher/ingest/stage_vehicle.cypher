// Stage a batch of new `vehicle` records (see ingest/stage_person). $rows: [{vrm, props}].
// Returns the element IDs of the new nodes in the order of $rows.
UNWIND $rows AS row
CREATE (v:Staged {staged_as: 'Vehicle', vrm: row.vrm})
SET v += row.props
RETURN collect(elementId(v)) AS element_ids
