// Sightings inside the window [$window_start, $as_of] that saw a person in scope or one of
// the vehicles $vrms, with where they happened and everyone they saw.
CALL () {
  MATCH (p:Person)<-[:SAW]-(s:Sighting) WHERE p.person_id IN $person_ids RETURN s
  UNION
  MATCH (v:Vehicle)<-[:OF_VEHICLE]-(s:Sighting) WHERE v.vrm IN $vrms RETURN s
}
WITH s, date(s.observed_at) AS on
WHERE $window_start <= on <= $as_of
MATCH (s)-[:AT]->(loc:Location)
OPTIONAL MATCH (s)-[:OF_VEHICLE]->(v:Vehicle)
OPTIONAL MATCH (s)-[:SAW]->(p:Person)
RETURN s.sighting_id AS sighting_id, on, loc.location_id AS location_id, s.source AS source, v.vrm AS vrm,
       collect(DISTINCT p.person_id) AS person_ids
