// Every watch with the events naming what it watches: intelligence (a link of a report),
// sightings and missing episodes. The rule keeps those on or after the watch began.
MATCH (w:Watch)-[:WATCHES]->(target)
CALL (target) {
  MATCH (target)<-[:SUBJECT|OBJECT]-(k:Link)<-[:REPORTS]-(i:Intel)
  WITH i, collect(k) AS ks
  RETURN {kind: 'intel', id: i.intel_id, at: toString(i.reported_on),
          grade: i.source_evaluation + i.intelligence_assessment, handling_code: i.handling_code,
          handling_conditions: i.handling_conditions, text: coalesce(i.summary, 'intelligence report'),
          people: COLLECT { MATCH (i)-[:REPORTS]->(:Link)-[:SUBJECT|OBJECT]->(p:Person) RETURN DISTINCT p.person_id }
         } AS event
  UNION
  MATCH (target)<-[:SAW|OF_VEHICLE|AT]-(s:Sighting)
  OPTIONAL MATCH (s)-[:AT]->(l:Location)
  OPTIONAL MATCH (s)-[:OF_VEHICLE]->(v:Vehicle)
  RETURN {kind: 'sighting', id: s.sighting_id, at: toString(s.observed_at), grade: $recorded,
          text: 'seen (' + s.source + ') at ' + coalesce(l.name, l.location_id) + coalesce(' in vehicle ' + v.vrm, ''),
          place: coalesce(l.name, l.location_id), location_id: l.location_id, category: l.category, vrm: v.vrm,
          people: COLLECT { MATCH (s)-[:SAW]->(p:Person) RETURN p.person_id }} AS event
  UNION
  MATCH (target)<-[:OF|FOUND_WITH|FOUND_AT]-(m:MissingEpisode)-[:OF]->(child:Person)
  RETURN {kind: 'missing_episode', id: m.episode_id, at: toString(m.reported_at), grade: $recorded,
          text: 'missing episode of ' + child.person_id,
          people: [child.person_id] + COLLECT { MATCH (m)-[:FOUND_WITH]->(p:Person) RETURN p.person_id }} AS event
}
WITH w, target, collect(event) AS events
RETURN w.watch_id AS watch_id, w.user AS user, w.target_kind AS target_kind, w.target_id AS target_id,
       toString(w.since) AS since, events
ORDER BY watch_id
