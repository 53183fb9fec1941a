// Stage a batch of new `location` records (see ingest/stage_person). $rows: [{location_id,
// props}]; the WGS-84 point is made from props.lat and props.lon, as ingest/merge_location
// does. Returns the element IDs of the new nodes in the order of $rows.
UNWIND $rows AS row
CREATE (l:Staged {staged_as: 'Location', location_id: row.location_id})
SET l += row.props, l.point = point({latitude: row.props.lat, longitude: row.props.lon})
RETURN collect(elementId(l)) AS element_ids
