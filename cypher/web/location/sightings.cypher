// Sightings at the location: when, how, which vehicle and which people. In order of concern:
// a child (under 18 on $today) seen with an adult or a person of unknown age first, then a
// child seen, then the rest; newest first within. How many there are, and the page of them
// from $skip, at most $limit.
MATCH (loc:Location {location_id: $location_id})<-[:AT]-(s:Sighting)
OPTIONAL MATCH (s)-[:OF_VEHICLE]->(v:Vehicle)
WITH s, v, [(s)-[:SAW]->(o:Person) | o] AS seen
WITH s, v, seen, size([o IN seen WHERE o.dob > $today - duration({years: 18})]) AS children
WITH s, v, seen, CASE WHEN children > 0 AND size(seen) > children THEN 0 WHEN children > 0 THEN 1 ELSE 2 END
     AS concern
ORDER BY concern, toString(s.observed_at) DESC, s.sighting_id
WITH collect({
       sighting_id: s.sighting_id, observed_at: toString(s.observed_at), source: s.source, vrm: v.vrm, concern: concern,
       with_people: [o IN seen |
          {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}]}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
