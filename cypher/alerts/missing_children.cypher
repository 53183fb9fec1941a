// Children with three or more missing episodes (the fewest that can make repeat missing),
// each with their episodes' report times and the child's name (for the alert's summary).
MATCH (m:MissingEpisode)-[:OF]->(child:Person)
WITH child, collect({id: m.episode_id, at: toString(m.reported_at)}) AS episodes
WHERE size(episodes) >= $at_least
RETURN child.person_id AS person_id, episodes,
       trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, '')) AS name
