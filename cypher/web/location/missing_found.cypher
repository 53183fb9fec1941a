// Missing episodes that ended with the child found at the location. In order of concern: the
// child found with someone first, newest first within; how many there are, and the page of
// them from $skip, at most $limit.
MATCH (loc:Location {location_id: $location_id})<-[:FOUND_AT]-(m:MissingEpisode)
OPTIONAL MATCH (m)-[:OF]->(child:Person)
WITH m, child, [(m)-[:FOUND_WITH]->(o:Person) |
       {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}] AS found_with
ORDER BY CASE WHEN size(found_with) > 0 THEN 0 ELSE 1 END, toString(m.reported_at) DESC, m.episode_id
WITH collect({
       episode_id: m.episode_id, reported_at: toString(m.reported_at), found_at: toString(m.found_at),
       child: {person_id: child.person_id, name: trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, ''))},
       found_with: found_with}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
