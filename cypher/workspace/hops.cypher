// One hop of the evidence graph around some entities: every person, vehicle and place that a
// piece of evidence joins to one of them, one row per item of evidence, with its grade,
// handling code and date. Used by paths (a frontier at a time) and by the link chart (a start
// and each expansion). Entities: $people (person IDs), $vehicles (normalised VRMs),
// $locations (location IDs), $phones (numbers in E.164), $accounts (platform:handle).
// Evidence: intelligence `link` records (relation as recorded; graded by their report, none:
// $ungraded), sightings (recorded facts, $recorded), missing episodes (recorded facts) and
// contacts between phones or accounts (relation `contact`, graded by their report).
// Filters: $relations (kinds of link kept), $grades (grade labels kept; the caller never
// lists an E grade, so suspected-false items never join anything), $since and $until (dates,
// null for open; undated evidence is kept only when neither is given); $within: true keeps
// only evidence between the given entities (a chart's ties among the entities it shows).
CALL () {
  MATCH (x:Person) WHERE x.person_id IN $people RETURN x
  UNION
  MATCH (x:Vehicle) WHERE x.vrm IN $vehicles RETURN x
  UNION
  MATCH (x:Location) WHERE x.location_id IN $locations RETURN x
  UNION
  MATCH (x:Phone) WHERE x.number IN $phones RETURN x
  UNION
  MATCH (x:OnlineAccount) WHERE x.account_key IN $accounts RETURN x
}
CALL (x) {
  MATCH (x)<-[side:SUBJECT|OBJECT]-(l:Link)-[end:SUBJECT|OBJECT]->(y)
  WHERE type(end) <> type(side) AND l.relation IN $relations
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
  WITH y, l, i, type(side) = 'SUBJECT' AS x_is_subject,
       CASE WHEN i IS NULL THEN $ungraded ELSE i.source_evaluation + i.intelligence_assessment END AS grade,
       coalesce(date(l.observed_at), i.reported_on) AS observed_on
  WHERE grade IN $grades
  RETURN y, l.relation AS relation, 'link' AS evidence_kind, l.link_id AS evidence_id, x_is_subject, grade,
         i.intel_id AS intel_id, i.handling_code AS handling_code,
         CASE WHEN i.handling_code = 'C' THEN i.handling_conditions END AS handling_conditions,
         i.summary AS summary, observed_on
  UNION ALL
  MATCH (x)<-[:SAW|OF_VEHICLE|AT]-(s:Sighting)-[:SAW|OF_VEHICLE|AT]->(y)
  WHERE y <> x AND $recorded IN $grades
  WITH x, y, s,
       CASE WHEN x:Person AND y:Person THEN 'seen_together'
            WHEN y:Location OR x:Location THEN 'sighted_at'
            ELSE 'sighted_in' END AS relation
  WHERE relation IN $relations
  RETURN y, relation, 'sighting' AS evidence_kind, s.sighting_id AS evidence_id, null AS x_is_subject,
         $recorded AS grade, null AS intel_id, null AS handling_code, null AS handling_conditions,
         s.source AS summary, date(s.observed_at) AS observed_on
  UNION ALL
  MATCH (x)<-[:OF|FOUND_WITH|FOUND_AT]-(m:MissingEpisode)-[:OF|FOUND_WITH|FOUND_AT]->(y)
  WHERE y <> x AND $recorded IN $grades
  WITH x, y, m, CASE WHEN y:Location OR x:Location THEN 'found_at' ELSE 'found_with' END AS relation
  WHERE relation IN $relations
  RETURN y, relation, 'missing_episode' AS evidence_kind, m.episode_id AS evidence_id, null AS x_is_subject,
         $recorded AS grade, null AS intel_id, null AS handling_code, null AS handling_conditions,
         null AS summary, date(coalesce(m.found_at, m.reported_at)) AS observed_on
  UNION ALL
  MATCH (x)<-[side:FROM|TO]-(c:Contact)-[end:FROM|TO]->(y), (i:Intel)-[:REPORTS]->(c)
  WHERE type(end) <> type(side) AND 'contact' IN $relations
    AND i.source_evaluation + i.intelligence_assessment IN $grades
  RETURN y, 'contact' AS relation, 'contact' AS evidence_kind, c.contact_id AS evidence_id,
         type(side) = 'FROM' AS x_is_subject, i.source_evaluation + i.intelligence_assessment AS grade,
         i.intel_id AS intel_id, i.handling_code AS handling_code,
         CASE WHEN i.handling_code = 'C' THEN i.handling_conditions END AS handling_conditions,
         i.summary AS summary, c.contacted_on AS observed_on
}
WITH x, y, relation, evidence_kind, evidence_id, x_is_subject, grade, intel_id, handling_code, handling_conditions,
     summary, observed_on
WHERE ($since IS NULL OR observed_on >= $since) AND ($until IS NULL OR observed_on <= $until)
  AND (observed_on IS NOT NULL OR ($since IS NULL AND $until IS NULL))
  AND (NOT $within OR y.person_id IN $people OR y.vrm IN $vehicles OR y.location_id IN $locations
       OR y.number IN $phones OR y.account_key IN $accounts)
RETURN CASE WHEN x:Person THEN 'person' WHEN x:Vehicle THEN 'vehicle' WHEN x:Phone THEN 'phone'
            WHEN x:OnlineAccount THEN 'online_account' ELSE 'location' END AS from_kind,
       coalesce(x.person_id, x.vrm, x.location_id, x.number, x.account_key) AS from_id,
       CASE WHEN y:Person THEN 'person' WHEN y:Vehicle THEN 'vehicle' WHEN y:Phone THEN 'phone'
            WHEN y:OnlineAccount THEN 'online_account' ELSE 'location' END AS to_kind,
       coalesce(y.person_id, y.vrm, y.location_id, y.number, y.account_key) AS to_id,
       relation, evidence_kind, evidence_id, x_is_subject, grade, intel_id, handling_code, handling_conditions,
       summary, toString(observed_on) AS observed_on
