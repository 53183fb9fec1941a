// Evidence of association: a child found with a person at the end of a missing episode.
// An episode's date is its found_at, else its reported_at; episodes after $as_of are left out.
MATCH (e:MissingEpisode)-[:OF]->(c:Person), (e)-[:FOUND_WITH]->(p:Person)
WITH e, c, p, coalesce(date(e.found_at), date(e.reported_at)) AS on
WHERE on <= $as_of
RETURN e.episode_id AS episode_id, c.person_id AS child_id, p.person_id AS person_id, on
