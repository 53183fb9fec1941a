// Create or update a batch of `link` records: the Link node, (:Intel)-[:REPORTS]->(link),
// (link)-[:SUBJECT]->(subject) and (link)-[:OBJECT]->(object). $rows: [{link_id, intel_id,
// subject_person | subject_vehicle | subject_location, object_person | object_vehicle |
// object_location | object_phone | object_online_account, props}]: the subject's and object's ID under the key of their type (the
// others absent, so their lookups find nothing); every ID is known to exist.
// Identical records are skipped. Returns the element IDs of (subject, relation, object) of
// every new or changed link, before and after the change, so that their direct
// relationships can be recomputed (ingest/recompute_direct).
UNWIND $rows AS row
// Dates and date-times arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, observed_at: datetime(raw.observed_at)} AS props
OPTIONAL MATCH (old:Link {link_id: row.link_id})
OPTIONAL MATCH (old)-[:SUBJECT]->(was_subject)
OPTIONAL MATCH (old)-[:OBJECT]->(was_object)
OPTIONAL MATCH (was_intel:Intel)-[:REPORTS]->(old)
OPTIONAL MATCH (sp:Person {person_id: row.subject_person})
OPTIONAL MATCH (sv:Vehicle {vrm: row.subject_vehicle})
OPTIONAL MATCH (sl:Location {location_id: row.subject_location})
OPTIONAL MATCH (op:Person {person_id: row.object_person})
OPTIONAL MATCH (ov:Vehicle {vrm: row.object_vehicle})
OPTIONAL MATCH (ol:Location {location_id: row.object_location})
OPTIONAL MATCH (oph:Phone {number: row.object_phone})
OPTIONAL MATCH (oa:OnlineAccount {account_key: row.object_online_account})
WITH row, props, old, was_subject, was_object, was_intel, coalesce(sp, sv, sl) AS subject,
     coalesce(op, ov, ol, oph, oa) AS object
OPTIONAL MATCH (intel:Intel {intel_id: row.intel_id})
WITH row, props, old, was_subject, was_object, was_intel, old.relation AS was_relation, subject, object, intel
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
   OR coalesce(was_subject <> subject, true)
   OR coalesce(was_object <> object, true)
   OR coalesce(was_intel <> intel, was_intel IS NOT NULL OR intel IS NOT NULL)
MERGE (link:Link {link_id: row.link_id})
SET link += props
WITH row, props, old, link, subject, object, intel, was_subject, was_relation, was_object
CALL (link) {
  MATCH (link)-[r:SUBJECT|OBJECT]->()
  DELETE r
}
CALL (link) {
  MATCH (:Intel)-[r:REPORTS]->(link)
  DELETE r
}
CREATE (link)-[:SUBJECT]->(subject)
CREATE (link)-[:OBJECT]->(object)
FOREACH (report IN CASE WHEN intel IS NULL THEN [] ELSE [intel] END | CREATE (report)-[:REPORTS]->(link))
RETURN count(*) - count(old) AS created, count(old) AS updated,
       collect({subject: elementId(subject), relation: props.relation, object: elementId(object)})
       + collect(CASE WHEN old IS NOT NULL
                      THEN {subject: elementId(was_subject), relation: was_relation, object: elementId(was_object)} END)
       AS triples
