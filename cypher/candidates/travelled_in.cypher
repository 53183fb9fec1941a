// Evidence of association: a person travelled in a vehicle another person uses.
// The item is the `travelled_in` link (its date and grade); the `uses_vehicle` link joins it
// to the vehicle's user and must itself exist by $as_of.
// $child_born_after and $person_id: see found_with.cypher.
MATCH (c:Person)<-[:SUBJECT]-(t:Link {relation: 'travelled_in'})-[:OBJECT]->(v:Vehicle),
      (v)<-[:OBJECT]-(u:Link {relation: 'uses_vehicle'})-[:SUBJECT]->(a:Person)
WHERE a <> c
  AND ($child_born_after IS NULL OR c.dob > $child_born_after OR a.dob > $child_born_after)
  AND ($person_id IS NULL OR c.person_id = $person_id OR a.person_id = $person_id)
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
