// What the profile needs of each of $person_ids: date of birth, gender, ethnicity (aggregate
// tables only, never a score), care statuses, network, whether a network names them a key player,
// the vehicles they use, whether they are a key player of a network of at least $peer_network_size, the dates of birth of the people they are tied to (associates, found
// with on a missing episode, seen together), and the days they were seen travelling in a vehicle.
UNWIND $person_ids AS person_id
MATCH (p:Person {person_id: person_id})
RETURN p.person_id AS person_id, p.dob AS dob, p.gender AS gender, p.ethnicity AS ethnicity,
       p.network_id AS network_id,
       EXISTS { (p)-[m:MEMBER_OF]->(n:Network) WHERE m.key_player_rank IS NOT NULL AND n.size >= $peer_network_size }
         AS key_player,
       COLLECT { MATCH (p)-[:HAS_CARE_STATUS]->(c:CareStatus)
                 RETURN {status: c.status, start_on: c.start_on, end_on: c.end_on} } AS care,
       COLLECT { MATCH (p)-[:USES_VEHICLE]->(v:Vehicle) RETURN DISTINCT v.vrm } AS vehicles,
       COLLECT { MATCH (p)-[:ASSOCIATES_WITH]-(o:Person) RETURN o.dob
                 UNION
                 MATCH (e:MissingEpisode)-[:OF|FOUND_WITH]->(p) MATCH (e)-[:OF|FOUND_WITH]->(o:Person)
                 WHERE o <> p RETURN o.dob
                 UNION
                 MATCH (s:Sighting)-[:SAW]->(p) MATCH (s)-[:SAW]->(o:Person) WHERE o <> p RETURN o.dob } AS tied_dobs,
       COLLECT { MATCH (k:Link {relation: 'travelled_in'})-[:SUBJECT]->(p)
                 OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
                 RETURN {day: coalesce(date(k.observed_at), i.reported_on),
                         shareable: coalesce(i.handling_code = 'P', false)} } AS travelled
