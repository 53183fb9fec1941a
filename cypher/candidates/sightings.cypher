// Evidence of association: two or more people named in one sighting, up to $as_of.
// Starts from people who may be under 18, or from $person_id: see associates_with.cypher.
MATCH (anchor:Person)<-[:SAW]-(s:Sighting)
WHERE ($child_born_after IS NULL OR anchor.dob > $child_born_after)
  AND ($person_id IS NULL OR anchor.person_id = $person_id)
WITH DISTINCT s
MATCH (s)-[:SAW]->(p:Person)
WITH s, collect(DISTINCT p.person_id) AS person_ids
WHERE size(person_ids) > 1
WITH s, person_ids, date(s.observed_at) AS on
WHERE on <= $as_of
RETURN s.sighting_id AS sighting_id, person_ids, on
