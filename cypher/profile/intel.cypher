// Intelligence reports between $start and $end with a link to a place in each area of $area_ids,
// with their grades: one row per area and report (the area's ID beside it), so that a profile's
// area and its smaller areas (the small multiples) are read in one statement.
MATCH (i:Intel)
WHERE $start <= i.reported_on <= $end
UNWIND $area_ids AS area_id
MATCH (area:Area {area_id: area_id})
WITH area, i
WHERE EXISTS { (area)<-[:IN_AREA]-(:Location)<-[:OBJECT|SUBJECT]-(:Link)<-[:REPORTS]-(i) }
RETURN area.area_id AS area_id, i.intel_id AS intel_id, i.reported_on AS reported_on,
       i.source_evaluation AS source_evaluation, i.intelligence_assessment AS intelligence_assessment,
       i.handling_code AS handling_code
