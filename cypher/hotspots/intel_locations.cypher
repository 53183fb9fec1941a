// Hotspot events: locations named in intelligence links whose relation is in $relations
// (e.g. seen_at, frequents), with the grades of the report behind each link.
// An item's date is the link's observed_at, else its report's reported_on. $from and $to
// (dates, inclusive) bound the window, null for no bound; undated items only count when there
// is no bound ($undated_relations: $relations then, else none). $after and $before (instants a
// day wider each side, never null) let the indexes on the links' and reports' times find the
// window's links without reading every link ever stored. $area_id keeps the places in that area
// (null: every place). The instant is read as milliseconds since 1970 (UTC; a report's date as
// its midnight UTC): thousands of zoned date-times cost the driver seconds to read.
CALL () {
  MATCH (k:Link) WHERE k.observed_at >= $after AND k.observed_at < $before
  RETURN k
  UNION
  MATCH (i:Intel)-[:REPORTS]->(k:Link)
  WHERE i.reported_on >= date($after) AND i.reported_on < date($before) AND k.observed_at IS NULL
  RETURN k
  UNION
  MATCH (k:Link) WHERE k.relation IN $undated_relations AND k.observed_at IS NULL
  RETURN k
}
WITH k WHERE k.relation IN $relations
MATCH (k)-[:SUBJECT|OBJECT]->(l:Location)
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(k)
WITH k, l, i, coalesce(k.observed_at, i.reported_on) AS at
WHERE ($from IS NULL OR (at IS NOT NULL AND date(at) >= $from))
  AND ($to IS NULL OR (at IS NOT NULL AND date(at) <= $to))
  AND ($area_id IS NULL OR EXISTS { (l)-[:IN_AREA]->(:Area {area_id: $area_id}) })
WITH k, l, i, at ORDER BY k.link_id
// One record holding every row (a list per row, in the order of `columns`, dates as text).
RETURN ['event_id', 'location_id', 'category', 'lat', 'lon', 'observed_at_ms', 'on', 'intel_id', 'source_evaluation',
        'intelligence_assessment', 'handling_code'] AS columns,
       collect([k.link_id, l.location_id, l.category, l.lat, l.lon,
                CASE WHEN at IS :: DATE THEN datetime({date: at, timezone: 'Z'}).epochMillis
                     ELSE at.epochMillis END,
                toString(date(at)), i.intel_id, i.source_evaluation, i.intelligence_assessment,
                i.handling_code]) AS items
