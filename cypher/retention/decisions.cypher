// The retention decisions on one record, newest first (docs/retention.md).
MATCH (d:RetentionDecision {record_type: $record_type, record_id: $record_id})
RETURN d.decision_id AS decision_id, d.decision AS decision, d.reason AS reason, d.decided_by AS decided_by,
       toString(d.decided_at) AS decided_at, toString(d.next_review) AS next_review
ORDER BY d.decided_at DESC
