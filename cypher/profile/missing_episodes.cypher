// Missing episodes of the area's children: every episode reported between $start and $end of a
// child found in the area or living there, with whether the episode itself is the area's (found
// there, or the child lives there) and the date of the return interview, if one is recorded.
MATCH (area:Area {area_id: $area_id})
MATCH (e:MissingEpisode)-[:OF]->(c:Person)
WHERE date(e.reported_at) >= $start AND date(e.reported_at) <= $end
WITH area, e, c,
     EXISTS { (e)-[:FOUND_AT]->(:Location)-[:IN_AREA]->(area) } AS found_here,
     EXISTS { (c)-[:LIVES_AT]->(:Location)-[:IN_AREA]->(area) } AS lives_here
WHERE found_here OR lives_here
RETURN e.episode_id AS episode_id, c.person_id AS person_id, e.reported_at AS reported_at,
       date(e.reported_at) AS reported_on,
       date(e.found_at) AS found_on, e.return_interview_on AS return_interview_on
