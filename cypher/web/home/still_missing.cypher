// Children reported missing and not yet found, longest missing first.
MATCH (m:MissingEpisode)-[:OF]->(child:Person)
WHERE m.found_at IS NULL
RETURN m.episode_id AS episode_id, toString(m.reported_at) AS reported_at,
       child.person_id AS person_id, trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, '')) AS name
ORDER BY m.reported_at, m.episode_id
LIMIT $limit
