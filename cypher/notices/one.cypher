// One notice with its adult and child (names; the adult's date of birth for the letter), the
// permission statements about the pair made on or before the notice's date (newest first, with
// who made them), and the breach alerts raised on it (newest first).
MATCH (n:Notice {notice_id: $notice_id})-[:SERVED_ON]->(a:Person), (n)-[:PROTECTS]->(c:Person)
RETURN n {.notice_id, .status, .basis, .served_by, .status_reason, .status_changed_by, .recorded_by,
          issued_on: toString(n.issued_on), ended_on: toString(n.ended_on),
          status_changed_at: toString(n.status_changed_at), recorded_at: toString(n.recorded_at),
          adult_id: a.person_id, adult_name: trim(coalesce(a.forename, '') + ' ' + coalesce(a.surname, '')),
          adult_dob: toString(a.dob),
          child_id: c.person_id, child_name: trim(coalesce(c.forename, '') + ' ' + coalesce(c.surname, ''))} AS notice,
       COLLECT { MATCH (a)<-[:ABOUT_ADULT]-(s:PermissionStatement)-[:ABOUT_CHILD]->(c)
                 WHERE s.made_on <= n.issued_on
                 OPTIONAL MATCH (s)-[:MADE_BY]->(m:Person)
                 RETURN s {.statement_id, made_on: toString(s.made_on), .recorded_by, made_by_id: m.person_id,
                           made_by_name: trim(coalesce(m.forename, '') + ' ' + coalesce(m.surname, ''))}
                 ORDER BY s.made_on DESC } AS statements,
       COLLECT { MATCH (al:Alert {kind: 'breach', notice_id: n.notice_id})
                 RETURN al {.alert_id, .summary, occurred_at: toString(al.occurred_at), .acknowledged_by}
                 ORDER BY al.occurred_at DESC } AS breaches
