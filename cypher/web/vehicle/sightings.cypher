// Sightings of the vehicle: when, where, how, and the people seen with it.
MATCH (v:Vehicle {vrm: $vrm})<-[:OF_VEHICLE]-(s:Sighting)
OPTIONAL MATCH (s)-[:AT]->(place:Location)
RETURN s.sighting_id AS sighting_id, toString(s.observed_at) AS observed_at, s.source AS source,
       CASE WHEN place IS NULL THEN null ELSE
         {kind: 'location', id: place.location_id, label: place.name, category: place.category,
          lat: place.lat, lon: place.lon} END AS location,
       [(s)-[:SAW]->(o:Person) |
          {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}] AS with_people
ORDER BY observed_at DESC, sighting_id
