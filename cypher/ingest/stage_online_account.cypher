// Stage a batch of new `online_account` records (see ingest/stage_person).
// $rows: [{account_key, props}]. Returns the element IDs of the new nodes in the order of $rows.
UNWIND $rows AS row
CREATE (a:Staged {staged_as: 'OnlineAccount', account_key: row.account_key})
SET a += row.props
RETURN collect(elementId(a)) AS element_ids
