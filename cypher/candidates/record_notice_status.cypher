// A notice's new status (withdrawn, expired, breached, active), with who changed it and why;
// $ended_on: the day a withdrawal or expiry took effect (null: not given, or not an end).
// Only a notice whose status is one of $from_statuses changes; none otherwise.
MATCH (n:Notice {notice_id: $notice_id})
WHERE n.status IN $from_statuses
OPTIONAL MATCH (n)-[:SERVED_ON]->(a:Person)
OPTIONAL MATCH (n)-[:PROTECTS]->(c:Person)
SET n.status = $status, n.status_reason = $reason, n.status_changed_by = $changed_by,
    n.status_changed_at = $changed_at, n.ended_on = $ended_on
RETURN n {.*, adult_id: a.person_id, child_id: c.person_id} AS notice
