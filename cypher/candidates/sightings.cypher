// Evidence of association: two or more people named in one sighting, up to $as_of.
MATCH (s:Sighting)-[:SAW]->(p:Person)
WITH s, date(s.observed_at) AS on, collect(DISTINCT p.person_id) AS person_ids
WHERE size(person_ids) > 1 AND on <= $as_of
RETURN s.sighting_id AS sighting_id, person_ids, on
