// Hotspot events: where children were found at the end of missing episodes.
// An episode's date is its found_at, else its reported_at; $from and $to (dates, inclusive)
// bound the window, null for no bound; $area_id keeps the places in that area (null: every
// place). The instant is read as milliseconds since 1970 (UTC): thousands of zoned date-times
// cost the driver seconds to read.
MATCH (e:MissingEpisode)-[:FOUND_AT]->(l:Location)
WITH e, l, coalesce(e.found_at, e.reported_at) AS at
WHERE ($from IS NULL OR date(at) >= $from) AND ($to IS NULL OR date(at) <= $to)
  AND ($area_id IS NULL OR EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) })
WITH e, l, at ORDER BY e.episode_id
// One record holding every row (a list per row, in the order of `columns`, dates as text).
RETURN ['event_id', 'location_id', 'category', 'lat', 'lon', 'observed_at_ms', 'on'] AS columns,
       collect([e.episode_id, l.location_id, l.category, l.lat, l.lon, at.epochMillis, toString(date(at))]) AS items
