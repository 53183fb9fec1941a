// Where people in scope were found at the end of missing episodes inside the window.
MATCH (c:Person)<-[:OF]-(e:MissingEpisode)-[:FOUND_AT]->(loc:Location)
WHERE c.person_id IN $person_ids
WITH c, e, loc, date(e.found_at) AS on
WHERE $window_start <= on <= $as_of
RETURN e.episode_id AS episode_id, c.person_id AS child_id, loc.location_id AS location_id, on
