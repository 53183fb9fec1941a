// Current networks whose members' evidence lies in two or more areas of level $level (places
// joined to areas by IN_AREA): sightings of a member, missing episodes in which a member was
// missing or found with the child (where the child was found), and intelligence links between
// a member and a place (intelligence graded E, suspected false, never counts). In order of
// concern: the networks' concern rank (networks not of concern after), then the most areas,
// then the network's number. Per network, each area with its records of each kind and how
// many members they name, most records first. How many there are, and the page of them from
// $skip, at most $limit.
MATCH (n:Network {active: true})<-[:MEMBER_OF]-(p:Person)
CALL (p) {
  MATCH (p)<-[:SAW]-(s:Sighting)-[:AT]->(l:Location)
  RETURN l, 'sighting' AS kind, s.sighting_id AS evidence
  UNION ALL
  MATCH (p)<-[:OF|FOUND_WITH]-(m:MissingEpisode)-[:FOUND_AT]->(l:Location)
  RETURN l, 'found' AS kind, m.episode_id AS evidence
  UNION ALL
  MATCH (p)<-[:SUBJECT|OBJECT]-(k:Link)-[:SUBJECT|OBJECT]->(l:Location)
  WHERE NOT EXISTS { (i:Intel)-[:REPORTS]->(k) WHERE i.intelligence_assessment = 'E' }
  RETURN l, 'intelligence' AS kind, k.link_id AS evidence
}
MATCH (l)-[:IN_AREA]->(a:Area {level: $level})
WITH n, a, count(DISTINCT CASE WHEN kind = 'sighting' THEN evidence END) AS sightings,
     count(DISTINCT CASE WHEN kind = 'found' THEN evidence END) AS found,
     count(DISTINCT CASE WHEN kind = 'intelligence' THEN evidence END) AS intelligence,
     count(DISTINCT p) AS members
ORDER BY sightings + found + intelligence DESC, a.name
WITH n, collect({area_id: a.area_id, name: a.name, records: sightings + found + intelligence, members: members,
                 sightings: sightings, found: found, intelligence: intelligence}) AS areas
WHERE size(areas) >= 2
WITH n, areas
ORDER BY n.concern_rank IS NULL, n.concern_rank, size(areas) DESC, n.network_id
WITH collect({network_id: n.network_id, rank: n.concern_rank, concern_reasons: coalesce(n.concern_reasons, []),
              members: COUNT { (:Person)-[:MEMBER_OF]->(n) },
              children_at_risk: COUNT { (:Person)-[m:MEMBER_OF]->(n) WHERE m.child },
              areas: areas}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
