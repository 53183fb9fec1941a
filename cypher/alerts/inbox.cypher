// One page of an inbox: the alerts for any of $recipients (the user, and the roles their role
// grants), optionally of one $kind (null: any), unacknowledged first, then in order of concern
// (the kinds in $kind_order, most concern first), newest first, with the total. A breach
// carries the ID of its notice (null for other kinds, and for breaches stored before it was kept).
MATCH (a:Alert)
WHERE a.recipient IN $recipients AND ($kind IS NULL OR a.kind = $kind)
WITH a, [i IN range(0, size($kind_order) - 1) WHERE $kind_order[i] = a.kind][0] AS concern
WITH a ORDER BY a.acknowledged_at IS NOT NULL, coalesce(concern, size($kind_order)), a.occurred_at DESC, a.alert_id
WITH collect(a) AS all_alerts
UNWIND all_alerts[$skip..$skip + $limit] AS a
RETURN a.alert_id AS alert_id, a.kind AS kind, a.recipient AS recipient, a.people AS people,
       a.summary AS summary, toString(a.occurred_at) AS occurred_at, toString(a.raised_at) AS raised_at,
       a.grade AS grade, a.evidence AS evidence, toString(a.acknowledged_at) AS acknowledged_at,
       a.acknowledged_by AS acknowledged_by, a.note AS note, a.notice_id AS notice_id, size(all_alerts) AS total,
       size([x IN all_alerts WHERE x.acknowledged_at IS NULL]) AS unread
