// Missing episodes of the people named in the evidence ($person_ids) reported inside the
// window [$window_start, $as_of]: a risk indicator.
MATCH (e:MissingEpisode)-[:OF]->(c:Person)
WHERE c.person_id IN $person_ids
WITH e, c, date(e.reported_at) AS on
WHERE $window_start <= on <= $as_of
RETURN e.episode_id AS episode_id, c.person_id AS person_id, on
