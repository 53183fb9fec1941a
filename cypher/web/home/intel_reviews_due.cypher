// Intelligence whose review date has come ($today or earlier), most overdue first.
MATCH (i:Intel)
WHERE i.review_on IS NOT NULL AND i.review_on <= $today
RETURN i.intel_id AS intel_id, toString(i.review_on) AS review_on, toString(i.reported_on) AS reported_on,
       i.source_evaluation AS source_evaluation, i.intelligence_assessment AS intelligence_assessment,
       i.handling_code AS handling_code, i.handling_conditions AS handling_conditions, i.summary AS summary
ORDER BY i.review_on, i.intel_id
LIMIT $limit
