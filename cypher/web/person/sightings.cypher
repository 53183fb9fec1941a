// Sightings of the person: when, where, how (ANPR, officer...), in which vehicle, and who else.
MATCH (p:Person {person_id: $person_id})<-[:SAW]-(s:Sighting)
OPTIONAL MATCH (s)-[:AT]->(place:Location)
OPTIONAL MATCH (s)-[:OF_VEHICLE]->(v:Vehicle)
RETURN s.sighting_id AS sighting_id, toString(s.observed_at) AS observed_at, s.source AS source,
       CASE WHEN place IS NULL THEN null ELSE
         {kind: 'location', id: place.location_id, label: place.name, category: place.category,
          lat: place.lat, lon: place.lon} END AS location,
       v.vrm AS vrm,
       [(s)-[:SAW]->(o:Person) WHERE o <> p |
          {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}] AS with_people
ORDER BY observed_at DESC, sighting_id
