// Every abduction warning notice in order of concern, one page of them: breached first (status
// breached, or a notice in force with breach alerts raised), then active, then the ended
// (withdrawn, expired); within each, the latest breach, then the newest notice first.
// $skip, $limit: the page. Returns the total and the page's notices with the two people's names.
MATCH (n:Notice)-[:SERVED_ON]->(a:Person), (n)-[:PROTECTS]->(c:Person)
CALL (n) {
  OPTIONAL MATCH (al:Alert {kind: 'breach', notice_id: n.notice_id})
  RETURN count(al) AS breach_alerts, max(al.occurred_at) AS last_breach
}
WITH n, a, c, breach_alerts, last_breach,
     CASE WHEN n.status = 'breached' OR (n.status = 'active' AND breach_alerts > 0) THEN 0
          WHEN n.status = 'active' THEN 1 ELSE 2 END AS concern
ORDER BY concern, last_breach DESC, n.issued_on DESC, n.notice_id
WITH collect({notice_id: n.notice_id, status: n.status, basis: n.basis, issued_on: toString(n.issued_on),
              ended_on: toString(n.ended_on), status_reason: n.status_reason, served_by: n.served_by,
              adult_id: a.person_id, adult_name: trim(coalesce(a.forename, '') + ' ' + coalesce(a.surname, '')),
              child_id: c.person_id, child_name: trim(coalesce(c.forename, '') + ' ' + coalesce(c.surname, '')),
              breach_alerts: breach_alerts, last_breach: toString(last_breach), concern: concern}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS items
