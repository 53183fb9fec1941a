// Missing episodes that ended with the child found at the location.
MATCH (loc:Location {location_id: $location_id})<-[:FOUND_AT]-(m:MissingEpisode)
OPTIONAL MATCH (m)-[:OF]->(child:Person)
RETURN m.episode_id AS episode_id, toString(m.reported_at) AS reported_at, toString(m.found_at) AS found_at,
       {person_id: child.person_id, name: trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, ''))} AS child,
       [(m)-[:FOUND_WITH]->(o:Person) |
          {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}] AS found_with
ORDER BY reported_at DESC, episode_id
LIMIT $limit
