// Children (under 18 on $today) whose own evidence lies in two or more areas of level $level
// (places joined to areas by IN_AREA): sightings of them, where they were found after going
// missing, and intelligence links between them and a place (intelligence graded E, suspected
// false, never counts). In order of concern: the most areas, then the most areas they were
// found in after going missing, then the newest evidence; by ID within. Per child, each area
// with its records of each kind, most records first. How many there are, and the page of them
// from $skip, at most $limit.
MATCH (p:Person)
WHERE p.dob > $today - duration({years: 18})
CALL (p) {
  MATCH (p)<-[:SAW]-(s:Sighting)-[:AT]->(l:Location)
  RETURN l, 'sighting' AS kind, s.sighting_id AS evidence, toString(s.observed_at) AS at
  UNION ALL
  MATCH (p)<-[:OF]-(m:MissingEpisode)-[:FOUND_AT]->(l:Location)
  RETURN l, 'found' AS kind, m.episode_id AS evidence, toString(coalesce(m.found_at, m.reported_at)) AS at
  UNION ALL
  MATCH (p)<-[:SUBJECT|OBJECT]-(k:Link)-[:SUBJECT|OBJECT]->(l:Location)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
  WITH l, k, i WHERE i IS NULL OR i.intelligence_assessment <> 'E'
  RETURN l, 'intelligence' AS kind, k.link_id AS evidence, toString(coalesce(k.observed_at, i.reported_on)) AS at
}
MATCH (l)-[:IN_AREA]->(a:Area {level: $level})
WITH p, a, count(DISTINCT CASE WHEN kind = 'sighting' THEN evidence END) AS sightings,
     count(DISTINCT CASE WHEN kind = 'found' THEN evidence END) AS found,
     count(DISTINCT CASE WHEN kind = 'intelligence' THEN evidence END) AS intelligence, max(at) AS last
ORDER BY sightings + found + intelligence DESC, a.name
WITH p, collect({area_id: a.area_id, name: a.name, records: sightings + found + intelligence,
                 sightings: sightings, found: found, intelligence: intelligence}) AS areas, max(last) AS last
WHERE size(areas) >= 2
WITH p, areas, last, size([area IN areas WHERE area.found > 0]) AS found_in
ORDER BY size(areas) DESC, found_in DESC, last DESC, p.person_id
WITH collect({person_id: p.person_id, name: trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')),
              dob: toString(p.dob), last_evidence: last, found_in: found_in, areas: areas}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
