// Intelligence reports between $start and $end with a link to a place in the area, with their grades.
MATCH (:Area {area_id: $area_id})<-[:IN_AREA]-(:Location)<-[:OBJECT|SUBJECT]-(:Link)<-[:REPORTS]-(i:Intel)
WHERE $start <= i.reported_on <= $end
RETURN DISTINCT i.intel_id AS intel_id, i.reported_on AS reported_on, i.source_evaluation AS source_evaluation,
       i.intelligence_assessment AS intelligence_assessment, i.handling_code AS handling_code
