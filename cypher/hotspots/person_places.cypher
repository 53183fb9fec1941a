// Where the evidence places each person in $person_ids: one row per item of evidence that
// puts the person at a location (an intelligence link from the person to the location, a
// sighting of the person there, a missing episode of or with the person that ended there),
// with the grades of the report behind a link. Python weighs and ranks them.
UNWIND $person_ids AS person_id
MATCH (p:Person {person_id: person_id})
CALL (p) {
  MATCH (p)<-[:SUBJECT]-(k:Link)-[:OBJECT]->(l:Location)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
  RETURN l, 'link' AS how, i.source_evaluation AS source_evaluation,
         i.intelligence_assessment AS intelligence_assessment
  UNION ALL
  MATCH (p)<-[:SAW]-(:Sighting)-[:AT]->(l:Location)
  RETURN l, 'sighting' AS how, null AS source_evaluation, null AS intelligence_assessment
  UNION ALL
  MATCH (p)<-[:OF|FOUND_WITH]-(:MissingEpisode)-[:FOUND_AT]->(l:Location)
  RETURN l, 'missing_episode' AS how, null AS source_evaluation, null AS intelligence_assessment
}
RETURN person_id, l.location_id AS location_id, l.category AS category, l.lat AS lat, l.lon AS lon,
       how, source_evaluation, intelligence_assessment
ORDER BY person_id, location_id
