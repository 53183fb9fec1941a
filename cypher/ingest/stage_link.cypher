// Stage a batch of new `link` records (see ingest/stage_person): the Link node (labelled only
// Staged), (report)-[:REPORTS]->(link), (link)-[:SUBJECT]->(subject), (link)-[:OBJECT]->(object).
// $rows: [{link_id, subject, object (element IDs), intel (0 or 1 element ID), props}]. A
// reader that comes to a relationship from a stored node finds at its other end a node
// without the label it matches (:Link), so it does not see it until the publish.
// Returns the element IDs of the new nodes in the order of $rows (their review dates are set next).
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
MATCH (subject) WHERE elementId(subject) = row.subject
MATCH (object) WHERE elementId(object) = row.object
CREATE (link:Staged {staged_as: 'Link', link_id: row.link_id})
SET link += raw {.*, observed_at: datetime(raw.observed_at)}
CREATE (link)-[:SUBJECT]->(subject)
CREATE (link)-[:OBJECT]->(object)
WITH row, link
CALL (row, link) {
  UNWIND row.intel AS id
  MATCH (report) WHERE elementId(report) = id
  CREATE (report)-[:REPORTS]->(link)
}
RETURN collect(elementId(link)) AS element_ids
