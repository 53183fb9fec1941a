// Missing episodes of the person (as the child) or in which a missing child was found with them.
MATCH (p:Person {person_id: $person_id})<-[r:OF|FOUND_WITH]-(m:MissingEpisode)
OPTIONAL MATCH (m)-[:OF]->(child:Person)
OPTIONAL MATCH (m)-[:FOUND_AT]->(place:Location)
RETURN m.episode_id AS episode_id, type(r) = 'OF' AS person_was_missing,
       toString(m.reported_at) AS reported_at, toString(m.found_at) AS found_at,
       toString(m.return_interview_on) AS return_interview_on,
       {person_id: child.person_id, name: trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, ''))} AS child,
       CASE WHEN place IS NULL THEN null ELSE
         {kind: 'location', id: place.location_id, label: place.name, category: place.category,
          lat: place.lat, lon: place.lon} END AS found_location,
       [(m)-[:FOUND_WITH]->(o:Person) |
          {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}] AS found_with
ORDER BY reported_at DESC, episode_id
