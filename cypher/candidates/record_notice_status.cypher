// A notice's new status (withdrawn, expired, breached, active), with who changed it and why.
MATCH (n:Notice {notice_id: $notice_id})
OPTIONAL MATCH (n)-[:SERVED_ON]->(a:Person)
OPTIONAL MATCH (n)-[:PROTECTS]->(c:Person)
SET n.status = $status, n.status_reason = $reason, n.status_changed_by = $changed_by,
    n.status_changed_at = $changed_at
RETURN n {.*, adult_id: a.person_id, child_id: c.person_id} AS notice
