// The person's associate network: the people tied to them (by intelligence links, being
// found together after a missing episode, being seen together, or using the same vehicle),
// at most $limit of them, with their names and dates of birth, and every tie among all of
// these people, one per tie and kind (one row; one round trip). Ties from intelligence carry
// the strongest grade and the reports behind them; the others are recorded facts.
MATCH (p:Person {person_id: $person_id})
OPTIONAL CALL (p) {
  MATCH (p)-[:ASSOCIATES_WITH]-(o:Person) RETURN o
  UNION
  MATCH (p)<-[:OF|FOUND_WITH]-(:MissingEpisode)-[:OF|FOUND_WITH]->(o:Person) WHERE o <> p RETURN o
  UNION
  MATCH (p)<-[:SAW]-(:Sighting)-[:SAW]->(o:Person) WHERE o <> p RETURN o
  UNION
  MATCH (p)-[:USES_VEHICLE|TRAVELLED_IN]->(:Vehicle)<-[:USES_VEHICLE|TRAVELLED_IN]-(o:Person) WHERE o <> p RETURN o
}
WITH p, collect(o) AS everyone
WITH [p] + everyone[..$limit] AS members, size(everyone) AS associates
CALL (members) {
  UNWIND members AS a
  CALL (a, members) {
    MATCH (a)-[r:ASSOCIATES_WITH]->(b:Person) WHERE b IN members AND b <> a
    RETURN b, 'associates_with' AS kind, r.link_ids AS evidence, r.intel_ids AS intel_ids, [r.best_grade] AS grades
    UNION ALL
    MATCH (a)<-[:OF]-(m:MissingEpisode)-[:FOUND_WITH]->(b:Person) WHERE b IN members AND b <> a
    RETURN b, 'found_with' AS kind, [m.episode_id] AS evidence, [] AS intel_ids, [] AS grades
    UNION ALL
    MATCH (a)<-[:SAW]-(s:Sighting)-[:SAW]->(b:Person) WHERE b IN members AND a.person_id < b.person_id
    RETURN b, 'seen_together' AS kind, [s.sighting_id] AS evidence, [] AS intel_ids, [] AS grades
    UNION ALL
    MATCH (a)-[ra:USES_VEHICLE|TRAVELLED_IN]->(v:Vehicle)<-[rb:USES_VEHICLE|TRAVELLED_IN]-(b:Person)
    WHERE b IN members AND a.person_id < b.person_id
    RETURN b, 'shared_vehicle' AS kind, [v.vrm] AS evidence, ra.intel_ids + rb.intel_ids AS intel_ids,
           [ra.best_grade, rb.best_grade] AS grades
  }
  RETURN collect({source: a.person_id, target: b.person_id, kind: kind, evidence: evidence, intel_ids: intel_ids,
                  grades: grades,
                  conditions: COLLECT { MATCH (i:Intel) WHERE i.intel_id IN intel_ids AND i.handling_code = 'C'
                                        RETURN DISTINCT i.handling_conditions }}) AS ties
}
RETURN [m IN members | {person_id: m.person_id, name: trim(coalesce(m.forename, '') + ' ' + coalesce(m.surname, '')),
                        dob: toString(m.dob)}] AS people, ties, associates
