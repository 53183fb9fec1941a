// How many alerts an inbox holds, and how many are not yet acknowledged (for a page past the end).
MATCH (a:Alert)
WHERE a.recipient IN $recipients AND ($kind IS NULL OR a.kind = $kind)
RETURN count(a) AS total, count(CASE WHEN a.acknowledged_at IS NULL THEN 1 END) AS unread
