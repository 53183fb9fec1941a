// The areas of $level that share places with the area $area_id (a force's councils, a council's
// wards), by name: one small chart each on the area's profile.
MATCH (:Area {area_id: $area_id})<-[:IN_AREA]-(:Location)-[:IN_AREA]->(b:Area {level: $level})
RETURN DISTINCT b.area_id AS area_id, b.name AS name
ORDER BY name, area_id
