// Hot spots of concern: the events at a place that point at the exploitation of children,
// one row per event, with its reason:
//   found_after_missing  a child (under 18 on the day) found there at the end of a missing episode;
//   child_with_adult     a sighting there of a child with an adult who is not one of the child's
//                        recorded relatives (family records); known_adult says whether one of
//                        those adults is of concern (as below), the weight's business;
//   child_in_intel       an intelligence link placing a child there (seen_at, frequents);
//   adult_of_concern     an intelligence link placing there an adult of concern: one with
//                        intelligence of association with an unrelated child (its report not
//                        graded in $never_counts), or found with a missing child.
// Only places, dates, grades and whether a person was a child on the day are read: nothing
// else about a person. $from and $to (dates, inclusive) bound the window, null for no bound;
// $after and $before (instants a day wider each side, never null) let the indexes on the
// events' times find the window's events without reading every event ever stored (an undated
// link counts only when there is no bound: $undated_relations is $relations then, else none);
// $area_id keeps the places in that area (null: every place); $relations names the link
// relations that place someone (seen_at, frequents). The instant is read as milliseconds since
// 1970 (UTC; a report's date as its midnight UTC): thousands of zoned date-times cost the
// driver seconds to read.
CALL () {
  CALL () {
    MATCH (e:MissingEpisode) WHERE e.found_at >= $after AND e.found_at < $before
    RETURN e, e.found_at AS at
    UNION ALL
    MATCH (e:MissingEpisode) WHERE e.reported_at >= $after AND e.reported_at < $before AND e.found_at IS NULL
    RETURN e, e.reported_at AS at
  }
  MATCH (e)-[:FOUND_AT]->(l:Location), (e)-[:OF]->(c:Person)
  WHERE c.dob IS NOT NULL AND date(at) < c.dob + duration({years: 18})
  RETURN 'found_after_missing' AS reason, e.episode_id AS event_id, l, at,
         null AS intel_id, null AS source_evaluation, null AS intelligence_assessment, null AS handling_code,
         null AS known_adult
  UNION ALL
  MATCH (s:Sighting) WHERE s.observed_at >= $after AND s.observed_at < $before
  MATCH (s)-[:AT]->(l:Location), (s)-[:SAW]->(c:Person), (s)-[:SAW]->(a:Person)
  WHERE c.dob IS NOT NULL AND date(s.observed_at) < c.dob + duration({years: 18})
    AND a.dob IS NOT NULL AND date(s.observed_at) >= a.dob + duration({years: 18})
    AND NOT (c)-[:HAS_RELATIVE]->(a)
  WITH DISTINCT s, l, a
  WITH s, l, a, (EXISTS {
      MATCH (a)<-[:SUBJECT|OBJECT]-(m:Link {relation: 'associates_with'})-[:SUBJECT|OBJECT]->(c:Person),
            (g:Intel)-[:REPORTS]->(m)
      WHERE c <> a AND c.dob IS NOT NULL AND date(coalesce(m.observed_at, g.reported_on)) < c.dob + duration({years: 18})
        AND NOT g.intelligence_assessment IN $never_counts AND NOT (c)-[:HAS_RELATIVE]->(a)
    } OR EXISTS {
      MATCH (a)<-[:FOUND_WITH]-(:MissingEpisode)-[:OF]->(c:Person)
      WHERE NOT (c)-[:HAS_RELATIVE]->(a)
    }) AS of_concern
  WITH s, l, max(CASE WHEN of_concern THEN 1 ELSE 0 END) = 1 AS known_adult
  RETURN 'child_with_adult' AS reason, s.sighting_id AS event_id, l, s.observed_at AS at,
         null AS intel_id, null AS source_evaluation, null AS intelligence_assessment, null AS handling_code,
         known_adult
  UNION ALL
  // Links placing a child, or an adult of concern: the window's links first (as in
  // intel_locations.cypher), then who they place.
  CALL () {
    MATCH (k:Link) WHERE k.observed_at >= $after AND k.observed_at < $before
    RETURN k
    UNION
    MATCH (i:Intel)-[:REPORTS]->(k:Link)
    WHERE i.reported_on >= date($after) AND i.reported_on < date($before) AND k.observed_at IS NULL
    RETURN k
    UNION
    MATCH (k:Link) WHERE k.relation IN $undated_relations AND k.observed_at IS NULL
    RETURN k
  }
  WITH k WHERE k.relation IN $relations
  MATCH (p:Person)<-[:SUBJECT]-(k)-[:OBJECT]->(l:Location)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
  WITH k, l, i, p, coalesce(k.observed_at, i.reported_on) AS at
  WHERE at IS NOT NULL AND p.dob IS NOT NULL
  WITH k, l, i, p, at, date(at) < p.dob + duration({years: 18}) AS child
  WHERE child OR EXISTS {
      MATCH (p)<-[:SUBJECT|OBJECT]-(m:Link {relation: 'associates_with'})-[:SUBJECT|OBJECT]->(c:Person),
            (g:Intel)-[:REPORTS]->(m)
      WHERE c <> p AND c.dob IS NOT NULL AND date(coalesce(m.observed_at, g.reported_on)) < c.dob + duration({years: 18})
        AND NOT g.intelligence_assessment IN $never_counts AND NOT (c)-[:HAS_RELATIVE]->(p)
    } OR EXISTS {
      MATCH (p)<-[:FOUND_WITH]-(:MissingEpisode)-[:OF]->(c:Person)
      WHERE NOT (c)-[:HAS_RELATIVE]->(p)
    }
  RETURN CASE WHEN child THEN 'child_in_intel' ELSE 'adult_of_concern' END AS reason, k.link_id AS event_id, l, at,
         i.intel_id AS intel_id, i.source_evaluation AS source_evaluation,
         i.intelligence_assessment AS intelligence_assessment, i.handling_code AS handling_code, null AS known_adult
}
WITH reason, event_id, l, at, intel_id, source_evaluation, intelligence_assessment, handling_code, known_adult
WHERE ($from IS NULL OR date(at) >= $from) AND ($to IS NULL OR date(at) <= $to)
  AND ($area_id IS NULL OR EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) })
RETURN reason, event_id, l.location_id AS location_id, l.category AS category, l.lat AS lat, l.lon AS lon,
       CASE WHEN at IS :: DATE THEN datetime({date: at, timezone: 'Z'}).epochMillis
            ELSE at.epochMillis END AS observed_at_ms,
       date(at) AS on, intel_id, source_evaluation, intelligence_assessment, handling_code, known_adult
ORDER BY reason, event_id
