// The newest missing episodes: the child, when reported and found, where, and with whom.
MATCH (m:MissingEpisode)-[:OF]->(child:Person)
WHERE m.reported_at IS NOT NULL  // always is; said so the newest are read from the index in order
WITH m, child ORDER BY m.reported_at DESC, m.episode_id LIMIT $limit
OPTIONAL MATCH (m)-[:FOUND_AT]->(place:Location)
OPTIONAL MATCH (m)-[:FOUND_WITH]->(other:Person)
WITH m, child, place, collect(other) AS others
RETURN m.episode_id AS episode_id, toString(m.reported_at) AS reported_at, toString(m.found_at) AS found_at,
       toString(m.return_interview_on) AS return_interview_on,
       child.person_id AS person_id, trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, '')) AS name,
       place.location_id AS found_location_id, place.name AS found_location,
       [o IN others | {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}] AS found_with
ORDER BY reported_at DESC, episode_id
