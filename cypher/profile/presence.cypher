// Evidence placing a person at a place in the area between $start and $end (dates): children
// found after missing episodes and the people found with them, people named in sightings, and
// intelligence links tying a person to a place. One row per piece of evidence, with whether a
// partner may count it (missing episodes and code P intelligence; never sightings).
MATCH (:Area {area_id: $area_id})<-[:IN_AREA]-(l:Location)
CALL (l) {
  MATCH (e:MissingEpisode)-[:FOUND_AT]->(l)
  WITH e, date(e.reported_at) AS day WHERE $start <= day <= $end
  MATCH (e)-[:OF|FOUND_WITH]->(p:Person)
  RETURN p.person_id AS person_id, day, 'missing' AS kind, false AS vehicle, true AS shareable
  UNION ALL
  MATCH (s:Sighting)-[:AT]->(l)
  WITH s, date(s.observed_at) AS day WHERE $start <= day <= $end
  MATCH (s)-[:SAW]->(p:Person)
  RETURN p.person_id AS person_id, day, 'sighting' AS kind, EXISTS { (s)-[:OF_VEHICLE]->() } AS vehicle,
         false AS shareable
  UNION ALL
  MATCH (k:Link)-[:OBJECT]->(l)
  MATCH (k)-[:SUBJECT]->(p:Person)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
  WITH k, p, i, coalesce(date(k.observed_at), i.reported_on) AS day WHERE $start <= day <= $end
  RETURN p.person_id AS person_id, day, 'intel' AS kind, false AS vehicle,
         coalesce(i.handling_code = 'P', false) AS shareable
}
RETURN person_id, l.location_id AS location_id, l.category AS category, day, kind, vehicle, shareable
