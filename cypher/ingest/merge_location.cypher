// Create or update a batch of `location` records. $rows: [{location_id, props}]; the WGS-84
// point is made from props.lat and props.lon. Identical records are skipped.
UNWIND $rows AS row
OPTIONAL MATCH (old:Location {location_id: row.location_id})
WITH row, old
WHERE old IS NULL
   OR any(k IN keys(row.props) WHERE coalesce(old[k] <> row.props[k], old[k] IS NOT NULL OR row.props[k] IS NOT NULL))
MERGE (l:Location {location_id: row.location_id})
SET l += row.props, l.point = point({latitude: row.props.lat, longitude: row.props.lon})
RETURN count(*) - count(old) AS created, count(old) AS updated
