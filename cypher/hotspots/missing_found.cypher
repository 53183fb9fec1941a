// Hotspot events: where children were found at the end of missing episodes.
// An episode's date is its found_at, else its reported_at; $from and $to (dates, inclusive)
// bound the window, null for no bound; $after and $before (instants a day wider each side,
// never null) let the indexes on the episodes' times find the window's without reading every
// episode ever stored. $area_id keeps the places in that area (null: every place). The instant
// is read as milliseconds since 1970 (UTC): thousands of zoned date-times cost the driver
// seconds to read.
CALL () {
  MATCH (e:MissingEpisode) WHERE e.found_at >= $after AND e.found_at < $before
  RETURN e, e.found_at AS at
  UNION ALL
  MATCH (e:MissingEpisode) WHERE e.reported_at >= $after AND e.reported_at < $before AND e.found_at IS NULL
  RETURN e, e.reported_at AS at
}
WITH e, at
WHERE ($from IS NULL OR date(at) >= $from) AND ($to IS NULL OR date(at) <= $to)
MATCH (e)-[:FOUND_AT]->(l:Location)
WHERE $area_id IS NULL OR EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) }
WITH e, l, at ORDER BY e.episode_id
// One record holding every row (a list per row, in the order of `columns`, dates as text).
RETURN ['event_id', 'location_id', 'category', 'lat', 'lon', 'observed_at_ms', 'on'] AS columns,
       collect([e.episode_id, l.location_id, l.category, l.lat, l.lon, at.epochMillis, toString(date(at))]) AS items
