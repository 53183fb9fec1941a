// A user's watches (every user's when $user is null), newest first.
MATCH (w:Watch)
WHERE $user IS NULL OR w.user = $user
RETURN w.watch_id AS watch_id, w.user AS user, w.target_kind AS target_kind, w.target_id AS target_id,
       toString(w.since) AS since, w.reason AS reason
ORDER BY w.since DESC, w.watch_id
