// Evidence of association: `associates_with` links between two people, with their grades.
// An item's date is the link's observed_at, else its report's reported_on; items dated after
// $as_of do not exist for the run (undated items are kept: the rules report them).
// The search starts from anchors, far fewer than all links: the people $person_ids (all ages)
// or, when that is null, everyone who may be under 18 on $as_of (born after
// $child_born_after; the rules decide exactly).
CALL () {
  MATCH (anchor:Person) WHERE anchor.person_id IN $person_ids RETURN anchor
  UNION
  MATCH (anchor:Person) WHERE $person_ids IS NULL AND anchor.dob > $child_born_after RETURN anchor
}
MATCH (anchor)<-[:SUBJECT|OBJECT]-(l:Link)
WHERE l.relation = 'associates_with'
WITH DISTINCT l
MATCH (s:Person)<-[:SUBJECT]-(l)-[:OBJECT]->(o:Person)
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH l, s, o, i, coalesce(date(l.observed_at), i.reported_on) AS on
WHERE on IS NULL OR on <= $as_of
RETURN l.link_id AS link_id, s.person_id AS subject_id, o.person_id AS object_id, on,
       i.intel_id AS intel_id, i.source_evaluation AS source_evaluation,
       i.intelligence_assessment AS intelligence_assessment, i.handling_code AS handling_code
