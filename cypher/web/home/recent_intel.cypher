// The newest intelligence reports, each with its grades, handling code and conditions and
// the people, vehicles and locations its links concern.
MATCH (i:Intel)
WHERE i.reported_on IS NOT NULL  // always is; said so the newest are read from the index in order
WITH i ORDER BY i.reported_on DESC, i.intel_id LIMIT $limit
OPTIONAL MATCH (i)-[:REPORTS]->(:Link)-[:SUBJECT|OBJECT]->(e)
WITH i, collect(DISTINCT e) AS concerned
RETURN i.intel_id AS intel_id, toString(i.reported_on) AS reported_on,
       i.source_evaluation AS source_evaluation, i.intelligence_assessment AS intelligence_assessment,
       i.handling_code AS handling_code, i.handling_conditions AS handling_conditions, i.summary AS summary,
       [e IN concerned | {
          kind: CASE WHEN e:Person THEN 'person' WHEN e:Vehicle THEN 'vehicle' ELSE 'location' END,
          id: coalesce(e.person_id, e.vrm, e.location_id), person_id: e.person_id,
          label: CASE WHEN e:Person THEN trim(coalesce(e.forename, '') + ' ' + coalesce(e.surname, ''))
                      WHEN e:Vehicle THEN e.vrm ELSE e.name END}] AS concerns
ORDER BY reported_on DESC, intel_id
