// Children found after a missing episode with no return interview recorded, oldest first:
// every return should have one.
MATCH (m:MissingEpisode)-[:OF]->(child:Person)
WHERE m.found_at IS NOT NULL AND m.return_interview_on IS NULL
RETURN m.episode_id AS episode_id, toString(m.found_at) AS found_at,
       child.person_id AS person_id, trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, '')) AS name
ORDER BY m.found_at, m.episode_id
LIMIT $limit
