// Store the alerts of one evaluation. An alert already stored (same ID: the same facts raised
// it) is left as it is, with its acknowledgement. $rows: [{alert_id, kind, recipient, people,
// summary, occurred_at, grade, evidence (JSON text)}]; $now: when this evaluation ran.
UNWIND $rows AS row
OPTIONAL MATCH (old:Alert {alert_id: row.alert_id})
WITH row, old
WHERE old IS NULL
MERGE (a:Alert {alert_id: row.alert_id})
ON CREATE SET a += row, a.raised_at = datetime($now), a.occurred_at = datetime(row.occurred_at)
RETURN collect(a.alert_id) AS created
