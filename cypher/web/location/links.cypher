// Link records naming the location: people and vehicles seen there, living there or
// frequenting it, with the grades and handling code of the intelligence behind each.
MATCH (loc:Location {location_id: $location_id})<-[side:SUBJECT|OBJECT]-(l:Link)-[end:SUBJECT|OBJECT]->(other)
WHERE type(end) <> type(side)
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
RETURN l.link_id AS link_id, l.relation AS relation, toString(l.observed_at) AS observed_at,
       {kind: CASE WHEN other:Person THEN 'person' WHEN other:Vehicle THEN 'vehicle' ELSE 'location' END,
        id: coalesce(other.person_id, other.vrm, other.location_id), person_id: other.person_id,
        label: CASE WHEN other:Person THEN trim(coalesce(other.forename, '') + ' ' + coalesce(other.surname, ''))
                    WHEN other:Vehicle THEN other.vrm ELSE other.name END} AS other,
       i.intel_id AS intel_id, toString(i.reported_on) AS reported_on, i.summary AS summary,
       i.source_evaluation AS source_evaluation, i.intelligence_assessment AS intelligence_assessment,
       i.handling_code AS handling_code, i.handling_conditions AS handling_conditions
ORDER BY coalesce(toString(l.observed_at), toString(i.reported_on)) DESC, link_id
