// Hotspot events: sightings (ANPR, officer, partner, CCTV) at a location.
// $from and $to (dates, inclusive) bound the window, null for no bound; $area_id keeps the
// places in that area (null: every place). The instant is read as milliseconds since 1970
// (UTC): thousands of zoned date-times cost the driver seconds to read.
MATCH (s:Sighting)-[:AT]->(l:Location)
WHERE ($from IS NULL OR date(s.observed_at) >= $from) AND ($to IS NULL OR date(s.observed_at) <= $to)
  AND ($area_id IS NULL OR EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) })
RETURN 'sighting' AS kind, s.sighting_id AS event_id, l.location_id AS location_id, l.category AS category,
       l.lat AS lat, l.lon AS lon, s.observed_at.epochMillis AS observed_at_ms,
       date(s.observed_at) AS on
ORDER BY event_id
