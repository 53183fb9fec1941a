// The people whose evidence lies in the area $area_id, for the area filter of the networks and
// candidate lists: named in a sighting at one of its places, missing or found with the child at
// the end of a missing episode that ended at one (where the child was found), or tied to one by
// an intelligence link (seen there, frequents it, lives there...). Links reported by
// intelligence graded $never_counts (E: suspected false or malicious) never count. One row, the
// IDs in a list: a council's thousands of people as rows took three to five times as long.
MATCH (:Area {area_id: $area_id})<-[:IN_AREA]-(l:Location)
CALL (l) {
  MATCH (l)<-[:AT]-(:Sighting)-[:SAW]->(p:Person)
  RETURN p
  UNION
  MATCH (l)<-[:FOUND_AT]-(:MissingEpisode)-[:OF|FOUND_WITH]->(p:Person)
  RETURN p
  UNION
  MATCH (l)<-[:OBJECT]-(k:Link)-[:SUBJECT]->(p:Person)
  WHERE NOT EXISTS { MATCH (i:Intel)-[:REPORTS]->(k) WHERE i.intelligence_assessment IN $never_counts }
  RETURN p
}
RETURN collect(DISTINCT p.person_id) AS person_ids
