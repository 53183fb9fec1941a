// Locations tied to one network's members: intelligence links (seen_at, lives_at, frequents;
// never an E-graded one), sightings of them or of a vehicle they use, and where a missing
// child was found with them. Locations most members share come first.
MATCH (p:Person)-[:MEMBER_OF]->(:Network {network_id: $network_id})
CALL (p) {
  MATCH (p)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(loc:Location)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
  WITH loc, l, i
  WHERE coalesce(i.intelligence_assessment, '') <> 'E'
  RETURN loc, l.relation AS how, l.link_id AS evidence_id
  UNION ALL
  MATCH (p)<-[:SAW]-(s:Sighting)-[:AT]->(loc:Location)
  RETURN loc, 'sighting' AS how, s.sighting_id AS evidence_id
  UNION ALL
  MATCH (p)<-[:SUBJECT]-(l:Link {relation: 'uses_vehicle'})-[:OBJECT]->(:Vehicle)<-[:OF_VEHICLE]-(s:Sighting)-[:AT]->(loc:Location)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
  WITH loc, s, i
  WHERE coalesce(i.intelligence_assessment, '') <> 'E'
  RETURN loc, 'vehicle_sighting' AS how, s.sighting_id AS evidence_id
  UNION ALL
  MATCH (p)<-[:OF|FOUND_WITH]-(e:MissingEpisode)-[:FOUND_AT]->(loc:Location)
  RETURN loc, 'found_after_missing' AS how, e.episode_id AS evidence_id
}
WITH loc, collect(DISTINCT p.person_id) AS people, collect(DISTINCT how) AS how, count(DISTINCT evidence_id) AS items
RETURN loc.location_id AS location_id, loc.name AS name, loc.category AS category, loc.lat AS lat, loc.lon AS lon,
       size(people) AS members, people, how, items
ORDER BY members DESC, items DESC, location_id
