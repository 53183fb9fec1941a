// Acknowledge one alert for one of $recipients, with who and a note. An alert acknowledged
// already keeps its first acknowledgement. Returns the alert, or no row when there is none
// for these recipients.
MATCH (a:Alert {alert_id: $alert_id})
WHERE a.recipient IN $recipients
WITH a, a.acknowledged_at IS NOT NULL AS already
FOREACH (_ IN CASE WHEN already THEN [] ELSE [1] END |
  SET a.acknowledged_at = datetime($now), a.acknowledged_by = $by, a.note = $note)
RETURN a.alert_id AS alert_id, a.people AS people, already, a.acknowledged_by AS acknowledged_by
