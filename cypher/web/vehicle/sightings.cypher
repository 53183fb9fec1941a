// Sightings of the vehicle: when, where, how, and the people seen with it. In order of
// concern: a child (under 18 on $today) seen with an adult or a person of unknown age first,
// then a child seen, then the rest; newest first within. How many there are, and the page of
// them from $skip, at most $limit.
MATCH (v:Vehicle {vrm: $vrm})<-[:OF_VEHICLE]-(s:Sighting)
OPTIONAL MATCH (s)-[:AT]->(place:Location)
WITH s, place, [(s)-[:SAW]->(o:Person) | o] AS seen
WITH s, place, seen, size([o IN seen WHERE o.dob > $today - duration({years: 18})]) AS children
WITH s, place, seen, CASE WHEN children > 0 AND size(seen) > children THEN 0 WHEN children > 0 THEN 1 ELSE 2 END
     AS concern
ORDER BY concern, toString(s.observed_at) DESC, s.sighting_id
WITH collect({
       sighting_id: s.sighting_id, observed_at: toString(s.observed_at), source: s.source, concern: concern,
       location: CASE WHEN place IS NULL THEN null ELSE
         {kind: 'location', id: place.location_id, label: place.name, category: place.category,
          lat: place.lat, lon: place.lon} END,
       with_people: [o IN seen |
          {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}]}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
