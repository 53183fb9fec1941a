// The (subject, relation, object) of every link reported by the given intelligence reports
// ($intel_ids): their direct relationships are recomputed when a report changes.
UNWIND $intel_ids AS id
MATCH (:Intel {intel_id: id})-[:REPORTS]->(l:Link)-[:SUBJECT]->(s)
MATCH (l)-[:OBJECT]->(o)
RETURN DISTINCT elementId(s) AS subject, l.relation AS relation, elementId(o) AS object
