// Notices in force ($in_force statuses), and ended notices with the day they ended (a contact
// before that day may still be a breach), with every contact between their adult and child: the
// child found with the adult after a missing episode, a sighting of both, the child recorded
// travelling in a vehicle the adult uses. Dates are compared by the rule
// (graph_service/analysis/alerts/rules.py), not here, so its boundaries are tested in one place.
MATCH (n:Notice)-[:SERVED_ON]->(adult:Person), (n)-[:PROTECTS]->(child:Person)
WHERE n.status IN $in_force OR n.ended_on IS NOT NULL
CALL (adult, child) {
  MATCH (m:MissingEpisode)-[:OF]->(child), (m)-[:FOUND_WITH]->(adult)
  OPTIONAL MATCH (m)-[:FOUND_AT]->(l:Location)
  RETURN {kind: 'missing_episode', id: m.episode_id, at: toString(coalesce(m.found_at, m.reported_at)),
          grade: $recorded, text: 'was found with', place: l.name, location_id: l.location_id} AS contact
  UNION
  MATCH (s:Sighting)-[:SAW]->(child), (s)-[:SAW]->(adult)
  OPTIONAL MATCH (s)-[:AT]->(l:Location)
  OPTIONAL MATCH (s)-[:OF_VEHICLE]->(v:Vehicle)
  RETURN {kind: 'sighting', id: s.sighting_id, at: toString(s.observed_at), grade: $recorded,
          text: 'was seen (' + s.source + ') with', place: l.name, location_id: l.location_id, vrm: v.vrm} AS contact
  UNION
  MATCH (child)<-[:SUBJECT]-(k:Link {relation: 'travelled_in'})-[:OBJECT]->(v:Vehicle)<-[:USES_VEHICLE]-(adult)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
  RETURN {kind: 'link', id: k.link_id, at: toString(coalesce(k.observed_at, i.reported_on)),
          grade: coalesce(i.source_evaluation + i.intelligence_assessment, $ungraded), intel_id: i.intel_id,
          handling_code: i.handling_code, handling_conditions: i.handling_conditions, vrm: v.vrm,
          text: 'uses vehicle ' + v.vrm + ', in which was travelling'} AS contact
}
WITH n, adult, child, collect(contact) AS contacts
RETURN n.notice_id AS notice_id, adult.person_id AS adult_id, child.person_id AS child_id, n.basis AS basis,
       toString(n.issued_on) AS issued_on, toString(n.ended_on) AS ended_on, n.status AS status, contacts,
       trim(coalesce(adult.forename, '') + ' ' + coalesce(adult.surname, '')) AS adult_name,
       trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, '')) AS child_name
ORDER BY notice_id
