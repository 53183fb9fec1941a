// Evidence of association: `associates_with` links between two people, with their grades.
// An item's date is the link's observed_at, else its report's reported_on; items dated after
// $as_of do not exist for the run (undated items are kept: the rules report them).
// The search starts from people who may be under 18 ($child_born_after; the rules decide
// exactly), or from one person ($person_id, all ages, when $child_born_after is null): far
// fewer than all links.
MATCH (anchor:Person)<-[:SUBJECT|OBJECT]-(l:Link)
WHERE l.relation = 'associates_with'
  AND ($child_born_after IS NULL OR anchor.dob > $child_born_after)
  AND ($person_id IS NULL OR anchor.person_id = $person_id)
WITH DISTINCT l
MATCH (s:Person)<-[:SUBJECT]-(l)-[:OBJECT]->(o:Person)
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH l, s, o, i, coalesce(date(l.observed_at), i.reported_on) AS on
WHERE on IS NULL OR on <= $as_of
RETURN l.link_id AS link_id, s.person_id AS subject_id, o.person_id AS object_id, on,
       i.intel_id AS intel_id, i.source_evaluation AS source_evaluation,
       i.intelligence_assessment AS intelligence_assessment, i.handling_code AS handling_code
