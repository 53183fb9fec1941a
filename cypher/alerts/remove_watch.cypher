// A user stops watching (their own watch only). Alerts it raised are kept.
MATCH (w:Watch {watch_id: $watch_id, user: $user})
DETACH DELETE w
RETURN count(*) AS removed
