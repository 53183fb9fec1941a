// Missing episodes of each area of $area_ids' children: every episode reported between $start
// and $end (dates) of a child found in the area or living there, with the date of the return
// interview, if one is recorded. One row per area and episode (the area's ID beside it), so that
// a profile's area and its smaller areas (the small multiples) are read in one statement.
// The episodes are found through the index on reported_at (from the first instant of $start to
// the last of $end, UTC).
MATCH (e:MissingEpisode)
WHERE e.reported_at >= datetime({date: $start, timezone: 'UTC'})
  AND e.reported_at < datetime({date: $end, timezone: 'UTC'}) + duration({days: 1})
MATCH (e)-[:OF]->(c:Person)
WITH e, c, date(e.reported_at) AS reported_on
WHERE $start <= reported_on <= $end
UNWIND $area_ids AS area_id
MATCH (area:Area {area_id: area_id})
WITH area, e, c, reported_on
WHERE EXISTS { (e)-[:FOUND_AT]->(:Location)-[:IN_AREA]->(area) }
   OR EXISTS { (c)-[:LIVES_AT]->(:Location)-[:IN_AREA]->(area) }
RETURN area.area_id AS area_id, e.episode_id AS episode_id, c.person_id AS person_id, e.reported_at AS reported_at,
       reported_on, date(e.found_at) AS found_on, e.return_interview_on AS return_interview_on
