// Sightings at the location: when, how, which vehicle and which people.
MATCH (loc:Location {location_id: $location_id})<-[:AT]-(s:Sighting)
OPTIONAL MATCH (s)-[:OF_VEHICLE]->(v:Vehicle)
RETURN s.sighting_id AS sighting_id, toString(s.observed_at) AS observed_at, s.source AS source, v.vrm AS vrm,
       [(s)-[:SAW]->(o:Person) |
          {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}] AS with_people
ORDER BY observed_at DESC, sighting_id
LIMIT $limit
