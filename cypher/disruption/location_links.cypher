// Intelligence placing a person in scope, or one of the vehicles $vrms, at a location
// (`seen_at`, `frequents`) inside the window, with grades.
CALL () {
  MATCH (p:Person)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(loc:Location)
  WHERE p.person_id IN $person_ids AND l.relation IN ['seen_at', 'frequents']
  RETURN l, 'person' AS subject_kind, p.person_id AS subject_id, loc
  UNION
  MATCH (v:Vehicle)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(loc:Location)
  WHERE v.vrm IN $vrms AND l.relation IN ['seen_at', 'frequents']
  RETURN l, 'vehicle' AS subject_kind, v.vrm AS subject_id, loc
}
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH l, subject_kind, subject_id, loc, i, coalesce(date(l.observed_at), i.reported_on) AS on
WHERE $window_start <= on <= $as_of
RETURN l.link_id AS link_id, subject_kind, subject_id, l.relation AS relation, loc.location_id AS location_id, on,
       i.intel_id AS intel_id, i.source_evaluation AS source_evaluation,
       i.intelligence_assessment AS intelligence_assessment, i.handling_code AS handling_code
