// Missing episodes reported inside the window [$window_start, $as_of]: a risk indicator.
MATCH (e:MissingEpisode)-[:OF]->(c:Person)
WITH e, c, date(e.reported_at) AS on
WHERE $window_start <= on <= $as_of
RETURN e.episode_id AS episode_id, c.person_id AS person_id, on
