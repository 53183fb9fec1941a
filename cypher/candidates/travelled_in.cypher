// Evidence of association: a person travelled in a vehicle another person uses.
// The item is the `travelled_in` link (its date and grade); the `uses_vehicle` link joins it
// to the vehicle's user and must itself exist by $as_of. Anchors, the traveller or the user
// ($person_ids, or people who may be under 18): see associates_with.cypher.
CALL () {
  MATCH (anchor:Person) WHERE anchor.person_id IN $person_ids RETURN anchor
  UNION
  MATCH (anchor:Person) WHERE $person_ids IS NULL AND anchor.dob > $child_born_after RETURN anchor
}
CALL (anchor) {
  MATCH (anchor)<-[:SUBJECT]-(t:Link {relation: 'travelled_in'})-[:OBJECT]->(v:Vehicle),
        (v)<-[:OBJECT]-(u:Link {relation: 'uses_vehicle'})-[:SUBJECT]->(a:Person)
  WHERE a <> anchor
  RETURN t, u, anchor AS c, a, v
  UNION
  MATCH (anchor)<-[:SUBJECT]-(u:Link {relation: 'uses_vehicle'})-[:OBJECT]->(v:Vehicle),
        (v)<-[:OBJECT]-(t:Link {relation: 'travelled_in'})-[:SUBJECT]->(c:Person)
  WHERE c <> anchor
  RETURN t, u, c, anchor AS a, v
}
WITH DISTINCT t, u, c, a, v
OPTIONAL MATCH (ti:Intel)-[:REPORTS]->(t)
OPTIONAL MATCH (ui:Intel)-[:REPORTS]->(u)
WITH t, u, c, a, v, ti, ui,
     coalesce(date(t.observed_at), ti.reported_on) AS on,
     coalesce(date(u.observed_at), ui.reported_on) AS used_on
WHERE (on IS NULL OR on <= $as_of) AND (used_on IS NULL OR used_on <= $as_of)
RETURN t.link_id AS link_id, c.person_id AS traveller_id, a.person_id AS user_id, v.vrm AS vrm, on,
       ti.intel_id AS intel_id, ti.source_evaluation AS source_evaluation,
       ti.intelligence_assessment AS intelligence_assessment, ti.handling_code AS handling_code,
       u.link_id AS use_link_id, ui.intel_id AS use_intel_id, ui.source_evaluation AS use_source_evaluation,
       ui.intelligence_assessment AS use_intelligence_assessment, ui.handling_code AS use_handling_code
