// Vehicles people in scope use or travelled in (`uses_vehicle`, `travelled_in` links), up to
// $as_of, with their grades. An item's date is the link's observed_at, else its report's.
MATCH (p:Person)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(v:Vehicle)
WHERE p.person_id IN $person_ids AND l.relation IN ['uses_vehicle', 'travelled_in']
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH p, l, v, i, coalesce(date(l.observed_at), i.reported_on) AS on
WHERE on IS NULL OR on <= $as_of
RETURN l.link_id AS link_id, p.person_id AS person_id, v.vrm AS vrm, l.relation AS relation, on,
       i.intel_id AS intel_id, i.source_evaluation AS source_evaluation,
       i.intelligence_assessment AS intelligence_assessment, i.handling_code AS handling_code
