// Record the spatial join: each place in each area that contains it (a place on a shared
// boundary is in both). $pairs: [{location_id, area_id}].
UNWIND $pairs AS pair
MATCH (l:Location {location_id: pair.location_id})
MATCH (a:Area {area_id: pair.area_id})
MERGE (l)-[:IN_AREA]->(a)
