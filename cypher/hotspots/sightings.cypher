// Hotspot events: sightings (ANPR, officer, partner, CCTV) at a location.
// $from and $to (dates, inclusive) bound the window, null for no bound; $after and $before
// (instants a day wider each side, never null) let the index on the sightings' times find the
// window's without reading every sighting ever stored. $area_id keeps the places in that area
// (null: every place). The instant is read as milliseconds since 1970 (UTC): thousands of
// zoned date-times cost the driver seconds to read.
MATCH (s:Sighting)
WHERE s.observed_at >= $after AND s.observed_at < $before
  AND ($from IS NULL OR date(s.observed_at) >= $from) AND ($to IS NULL OR date(s.observed_at) <= $to)
MATCH (s)-[:AT]->(l:Location)
WHERE $area_id IS NULL OR EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) }
WITH s, l ORDER BY s.sighting_id
// One record holding every row (a list per row, in the order of `columns`, dates as text): the
// driver takes one record far faster than tens of thousands (the large scenario's 48,410
// sightings of a half-year: 2.2 s as rows, 1.0 s as one record).
RETURN ['event_id', 'location_id', 'category', 'lat', 'lon', 'observed_at_ms', 'on'] AS columns,
       collect([s.sighting_id, l.location_id, l.category, l.lat, l.lon, s.observed_at.epochMillis,
                toString(date(s.observed_at))]) AS items
