// Stage a batch of new `contact` records (see ingest/stage_person): (contact)-[:FROM]->(phone
// or account), (contact)-[:TO]->(phone or account), (report)-[:REPORTS]->(contact).
// $rows: [{contact_id, from, to, intel (element IDs), props}].
// Returns the element IDs of the new nodes in the order of $rows (their review dates are set next).
UNWIND $rows AS row
// Dates arrive as ISO 8601 text.
WITH row, row.props AS raw
MATCH (from) WHERE elementId(from) = row.from
MATCH (to) WHERE elementId(to) = row.to
MATCH (report) WHERE elementId(report) = row.intel
CREATE (c:Staged {staged_as: 'Contact', contact_id: row.contact_id})
SET c += raw {.*, contacted_on: date(raw.contacted_on)}
CREATE (c)-[:FROM]->(from)
CREATE (c)-[:TO]->(to)
CREATE (report)-[:REPORTS]->(c)
RETURN collect(elementId(c)) AS element_ids
