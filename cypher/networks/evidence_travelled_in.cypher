// Association evidence: a passenger seen travelling in a vehicle another person uses.
// A trip is a travelled_in link (graded by its report) or a sighting of the vehicle with the
// passenger in it (a recorded fact); one row per trip and user of the vehicle, with the
// user's evidence of use. Python weighs the trip and the use and keeps the weaker. A
// sighting that also saw the user counts once, as seen_together, not again here. Each
// vehicle's users and trips are read once, then paired.
MATCH (v:Vehicle)<-[:OBJECT]-(l:Link {relation: 'uses_vehicle'})-[:SUBJECT]->(user:Person)
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH v, user, collect({id: l.link_id, source_evaluation: i.source_evaluation,
                       intelligence_assessment: i.intelligence_assessment,
                       observed_on: toString(coalesce(date(l.observed_at), i.reported_on))}) AS uses
WITH v, collect({user: user, uses: uses}) AS users
CALL (v) {
  MATCH (passenger:Person)<-[:SUBJECT]-(t:Link {relation: 'travelled_in'})-[:OBJECT]->(v)
  OPTIONAL MATCH (ti:Intel)-[:REPORTS]->(t)
  RETURN passenger, 'link' AS how, t.link_id AS evidence_id,
         ti.source_evaluation AS source_evaluation, ti.intelligence_assessment AS intelligence_assessment,
         toString(coalesce(date(t.observed_at), ti.reported_on)) AS observed_on, [] AS seen
  UNION
  MATCH (passenger:Person)<-[:SAW]-(s:Sighting)-[:OF_VEHICLE]->(v)
  RETURN passenger, 'sighting' AS how, s.sighting_id AS evidence_id,
         null AS source_evaluation, null AS intelligence_assessment, toString(date(s.observed_at)) AS observed_on,
         [(s)-[:SAW]->(seen:Person) | seen] AS seen
}
UNWIND users AS use
WITH v, use.user AS user, use.uses AS uses, passenger, how, evidence_id, source_evaluation,
     intelligence_assessment, observed_on, seen
WHERE passenger <> user AND NOT user IN seen
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['vrm', 'user', 'uses', 'passenger', 'how', 'evidence_id', 'source_evaluation', 'intelligence_assessment',
        'observed_on'] AS columns,
       collect([v.vrm, user.person_id, uses, passenger.person_id, how, evidence_id, source_evaluation,
                intelligence_assessment, observed_on]) AS items
