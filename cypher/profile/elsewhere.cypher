// Days between $start and $end on which each of $person_ids has evidence at a place outside the
// area $area_id (a missing episode's found place, a sighting, an intelligence link): movement
// across the area's border. Partner-shareable as in profile/presence.
UNWIND $person_ids AS person_id
MATCH (p:Person {person_id: person_id})
CALL (p) {
  MATCH (e:MissingEpisode)-[:OF|FOUND_WITH]->(p)
  MATCH (e)-[:FOUND_AT]->(l:Location)
  RETURN l, date(e.reported_at) AS day, true AS shareable
  UNION ALL
  MATCH (s:Sighting)-[:SAW]->(p)
  MATCH (s)-[:AT]->(l:Location)
  RETURN l, date(s.observed_at) AS day, false AS shareable
  UNION ALL
  MATCH (k:Link)-[:SUBJECT]->(p)
  MATCH (k)-[:OBJECT]->(l:Location)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
  RETURN l, coalesce(date(k.observed_at), i.reported_on) AS day, coalesce(i.handling_code = 'P', false) AS shareable
}
WITH p, l, day, shareable
WHERE $start <= day <= $end AND NOT EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) }
RETURN DISTINCT p.person_id AS person_id, day, shareable
