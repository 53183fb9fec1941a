// Hotspot events: where children were found at the end of missing episodes.
// An episode's date is its found_at, else its reported_at; $from and $to (dates, inclusive)
// bound the window, null for no bound; $area_id keeps the places in that area (null: every
// place). The instant is read as milliseconds since 1970 (UTC): thousands of zoned date-times
// cost the driver seconds to read.
MATCH (e:MissingEpisode)-[:FOUND_AT]->(l:Location)
WITH e, l, coalesce(e.found_at, e.reported_at) AS at
WHERE ($from IS NULL OR date(at) >= $from) AND ($to IS NULL OR date(at) <= $to)
  AND ($area_id IS NULL OR EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) })
RETURN 'missing' AS kind, e.episode_id AS event_id, l.location_id AS location_id, l.category AS category,
       l.lat AS lat, l.lon AS lon, at.epochMillis AS observed_at_ms, date(at) AS on
ORDER BY event_id
