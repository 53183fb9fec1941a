// Evidence of association: two or more people named in one sighting, up to $as_of.
// Anchors ($person_ids, or people who may be under 18): see associates_with.cypher.
CALL () {
  MATCH (anchor:Person) WHERE anchor.person_id IN $person_ids RETURN anchor
  UNION
  MATCH (anchor:Person) WHERE $person_ids IS NULL AND anchor.dob > $child_born_after RETURN anchor
}
MATCH (anchor)<-[:SAW]-(s:Sighting)
WITH DISTINCT s
MATCH (s)-[:SAW]->(p:Person)
WITH s, collect(DISTINCT p.person_id) AS person_ids
WHERE size(person_ids) > 1
WITH s, person_ids, date(s.observed_at) AS on
WHERE on <= $as_of
RETURN s.sighting_id AS sighting_id, person_ids, on
