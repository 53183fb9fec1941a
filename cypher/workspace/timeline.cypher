// The timeline of some people, vehicles and places (a person's, a vehicle's, a place's or a
// network's members'): every intelligence link record, sighting and missing episode naming
// one of them, once each, newest first, at most $limit. Entities: $people (person IDs),
// $vehicles (normalised VRMs), $locations (location IDs).
// A link carries its report's grade and handling code (none: an ungraded link record); a
// missing episode its start (reported) and end (found, null while the child is missing), the
// child, the people found with them and the place found.
CALL () {
  MATCH (x:Person) WHERE x.person_id IN $people RETURN x
  UNION
  MATCH (x:Vehicle) WHERE x.vrm IN $vehicles RETURN x
  UNION
  MATCH (x:Location) WHERE x.location_id IN $locations RETURN x
}
CALL (x) {
  MATCH (x)<-[:SUBJECT|OBJECT]-(l:Link)
  RETURN 'link' AS kind, l AS e
  UNION
  MATCH (x)<-[:SAW|OF_VEHICLE|AT]-(s:Sighting)
  RETURN 'sighting' AS kind, s AS e
  UNION
  MATCH (x)<-[:OF|FOUND_WITH|FOUND_AT]-(m:MissingEpisode)
  RETURN 'missing_episode' AS kind, m AS e
}
WITH DISTINCT kind, e
CALL (e, kind) {
  WITH e, kind WHERE kind = 'link'
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(e)
  OPTIONAL MATCH (e)-[:SUBJECT]->(s)
  OPTIONAL MATCH (e)-[:OBJECT]->(o)
  RETURN coalesce(toString(e.observed_at), toString(i.reported_on)) AS date, {
    kind: kind, id: e.link_id, relation: e.relation,
    subject: {person_id: s.person_id, id: coalesce(s.person_id, s.vrm, s.location_id),
              label: CASE WHEN s:Person THEN trim(coalesce(s.forename, '') + ' ' + coalesce(s.surname, ''))
                          WHEN s:Vehicle THEN s.vrm ELSE s.name END},
    object: {person_id: o.person_id, id: coalesce(o.person_id, o.vrm, o.location_id),
             label: CASE WHEN o:Person THEN trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))
                         WHEN o:Vehicle THEN o.vrm ELSE o.name END},
    intel_id: i.intel_id, summary: i.summary, grade: i.source_evaluation + i.intelligence_assessment,
    handling_code: i.handling_code, handling_conditions: i.handling_conditions} AS event
  UNION
  WITH e, kind WHERE kind = 'sighting'
  OPTIONAL MATCH (e)-[:AT]->(place:Location)
  OPTIONAL MATCH (e)-[:OF_VEHICLE]->(v:Vehicle)
  RETURN toString(e.observed_at) AS date, {
    kind: kind, id: e.sighting_id, source: e.source, place: place.name, place_id: place.location_id, vrm: v.vrm,
    people: [(e)-[:SAW]->(p:Person) |
             {person_id: p.person_id, name: trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))}]} AS event
  UNION
  WITH e, kind WHERE kind = 'missing_episode'
  OPTIONAL MATCH (e)-[:OF]->(child:Person)
  OPTIONAL MATCH (e)-[:FOUND_AT]->(place:Location)
  RETURN toString(e.reported_at) AS date, {
    kind: kind, id: e.episode_id, found_at: toString(e.found_at), place: place.name, place_id: place.location_id,
    child: {person_id: child.person_id, name: trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, ''))},
    found_with: [(e)-[:FOUND_WITH]->(p:Person) |
                 {person_id: p.person_id, name: trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))}]} AS event
}
RETURN date, event
ORDER BY date IS NULL, date DESC, event.id
LIMIT $limit
