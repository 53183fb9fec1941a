// Link records naming the vehicle: who uses it or travelled in it, where it is seen or kept,
// with the grades and handling code of the intelligence behind each. In order of concern:
// links naming a child (under 18 on $today) first, newest first within; how many there are,
// and the page of them from $skip, at most $limit.
MATCH (v:Vehicle {vrm: $vrm})<-[side:SUBJECT|OBJECT]-(l:Link)-[end:SUBJECT|OBJECT]->(other)
WHERE type(end) <> type(side)
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH l, other, i, other:Person AND other.dob > $today - duration({years: 18}) AS names_child
ORDER BY CASE WHEN names_child THEN 0 ELSE 1 END,
         coalesce(toString(l.observed_at), toString(i.reported_on)) DESC, l.link_id
WITH collect({
       link_id: l.link_id, relation: l.relation, observed_at: toString(l.observed_at), names_child: names_child,
       other: {kind: CASE WHEN other:Person THEN 'person' WHEN other:Vehicle THEN 'vehicle' ELSE 'location' END,
               id: coalesce(other.person_id, other.vrm, other.location_id), person_id: other.person_id,
               label: CASE WHEN other:Person THEN trim(coalesce(other.forename, '') + ' ' + coalesce(other.surname, ''))
                           WHEN other:Vehicle THEN other.vrm ELSE other.name END,
               category: other.category, lat: other.lat, lon: other.lon},
       intel_id: i.intel_id, reported_on: toString(i.reported_on), summary: i.summary,
       source_evaluation: i.source_evaluation, intelligence_assessment: i.intelligence_assessment,
       handling_code: i.handling_code, handling_conditions: i.handling_conditions}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
