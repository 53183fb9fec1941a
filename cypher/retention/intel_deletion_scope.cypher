// What deleting an intelligence report removes (docs/retention.md), read inside the deleting
// transaction: the report, its links and contacts (a contact is known only from its report),
// and the direct relationships to recompute from the links that remain ({subject, object
// (element IDs), relation}). No row when the report is not stored.
MATCH (i:Intel {intel_id: $intel_id})
OPTIONAL MATCH (i)-[:REPORTS]->(l:Link)
OPTIONAL MATCH (l)-[:SUBJECT]->(s)
OPTIONAL MATCH (l)-[:OBJECT]->(o)
WITH i, collect(l.link_id) AS link_ids,
     collect(CASE WHEN s IS NOT NULL AND o IS NOT NULL
                  THEN {subject: elementId(s), object: elementId(o), relation: l.relation} END) AS triples,
     collect(DISTINCT CASE WHEN s:Person THEN s.person_id END) + collect(DISTINCT CASE WHEN o:Person THEN o.person_id END)
       AS people
RETURN i.intel_id AS intel_id, link_ids, triples, [p IN people WHERE p IS NOT NULL] AS people,
       COLLECT { MATCH (i)-[:REPORTS]->(c:Contact) RETURN c.contact_id } AS contact_ids
