// Stage a batch of new `person` records (docs/scaling.md, one ingest, all or nothing): nodes
// labelled only Staged until ingest/publish_staged gives them their label, so no reader sees
// them before then. $rows: [{person_id, props}], none of them stored. Returns the element IDs
// of the new nodes in the order of $rows, for the records that refer to them.
UNWIND $rows AS row
// Dates arrive as ISO 8601 text.
WITH row, row.props AS raw
CREATE (p:Staged {staged_as: 'Person', person_id: row.person_id})
SET p += raw {.*, dob: date(raw.dob)}
RETURN collect(elementId(p)) AS element_ids
