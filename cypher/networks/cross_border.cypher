// Current networks whose evidence of exploitation lies in two or more areas of level $level
// (places joined to areas by IN_AREA). Only evidence that points at the exploitation of a child
// counts, so that families visiting relatives in another town do not make a network cross-border:
//   sighting      a sighting of a member in which a child (under 18 on the day) is seen with an
//                 adult (18 or over) who is not one of the child's recorded relatives;
//   found         a missing episode in which a member was missing or found with the child, the
//                 child found with someone who is not one of their recorded relatives (where the
//                 child was found);
//   intelligence  an intelligence link placing a child member (under 18 on the day) at a place
//                 ($relations: seen there or frequenting it; where someone lives is not evidence of
//                 exploitation), reported by intelligence graded A to D (not in $never_counts: E,
//                 suspected false, never counts). Adults moving between towns alone do not count.
// In order of concern: the networks' concern rank (networks not of concern after), then the
// most areas, then the network's number. Per network, each area with its records of each kind
// and how many members they name, most records first. How many there are, and the page of them
// from $skip, at most $limit.
MATCH (n:Network {active: true})<-[:MEMBER_OF]-(p:Person)
CALL (p) {
  MATCH (p)<-[:SAW]-(s:Sighting)-[:AT]->(l:Location)
  WHERE EXISTS {
    MATCH (s)-[:SAW]->(c:Person), (s)-[:SAW]->(a:Person)
    WHERE c.dob IS NOT NULL AND date(s.observed_at) < c.dob + duration({years: 18})
      AND a.dob IS NOT NULL AND date(s.observed_at) >= a.dob + duration({years: 18})
      AND NOT (c)-[:HAS_RELATIVE]->(a)
  }
  RETURN l, 'sighting' AS kind, s.sighting_id AS evidence
  UNION ALL
  MATCH (p)<-[:OF|FOUND_WITH]-(m:MissingEpisode)-[:FOUND_AT]->(l:Location)
  WHERE EXISTS { MATCH (m)-[:OF]->(c:Person), (m)-[:FOUND_WITH]->(w:Person) WHERE NOT (c)-[:HAS_RELATIVE]->(w) }
  RETURN l, 'found' AS kind, m.episode_id AS evidence
  UNION ALL
  MATCH (p)<-[:SUBJECT]-(k:Link)-[:OBJECT]->(l:Location), (i:Intel)-[:REPORTS]->(k)
  WHERE k.relation IN $relations AND NOT i.intelligence_assessment IN $never_counts
    AND p.dob IS NOT NULL AND date(coalesce(k.observed_at, i.reported_on)) < p.dob + duration({years: 18})
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
