// One notice's status and date, to check a change against before it is written.
MATCH (n:Notice {notice_id: $notice_id})
RETURN n.status AS status, n.issued_on AS issued_on
