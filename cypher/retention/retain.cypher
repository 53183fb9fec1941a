// A reviewer's decision to retain one record (docs/retention.md): the record's next review date
// is set, and the decision kept as a RetentionDecision node (a history: each is a new node)
// holding the record's type and ID, never its content. $record_type, $record_id (as
// retention/record finds them), $decision_id, $reason, $decided_by, $decided_at (ISO text),
// $next_review (a date). Returns the decision, or no row when the record is not stored.
CALL () {
  MATCH (n:Intel {intel_id: $record_id}) WHERE $record_type = 'intel' RETURN n
  UNION
  MATCH (n:Link {link_id: $record_id}) WHERE $record_type = 'link' RETURN n
  UNION
  MATCH (n:MissingEpisode {episode_id: $record_id}) WHERE $record_type = 'missing_episode' RETURN n
  UNION
  MATCH (n:Sighting {sighting_id: $record_id}) WHERE $record_type = 'sighting' RETURN n
  UNION
  MATCH (n:CareStatus {care_status_key: $record_id}) WHERE $record_type = 'care_status' RETURN n
  UNION
  MATCH (n:Notice {notice_id: $record_id}) WHERE $record_type = 'notice' RETURN n
  UNION
  MATCH (n:PermissionStatement {statement_id: $record_id}) WHERE $record_type = 'permission_statement' RETURN n
  UNION
  MATCH (n:CseConcern {concern_id: $record_id}) WHERE $record_type = 'cse_concern' RETURN n
  UNION
  MATCH (n:Person {person_id: $record_id}) WHERE $record_type = 'person' RETURN n
  UNION
  MATCH (n:Vehicle {vrm: $record_id}) WHERE $record_type = 'vehicle' RETURN n
  UNION
  MATCH (n:Location {location_id: $record_id}) WHERE $record_type = 'location' RETURN n
  UNION
  MATCH (n:Contact {contact_id: $record_id}) WHERE $record_type = 'contact' RETURN n
  UNION
  MATCH (n:Phone {number: $record_id}) WHERE $record_type = 'phone' RETURN n
  UNION
  MATCH (n:OnlineAccount {account_key: $record_id}) WHERE $record_type = 'online_account' RETURN n
}
SET n.next_review_date = $next_review, n.review_due = $next_review  // a decision's date comes first
CREATE (d:RetentionDecision {decision_id: $decision_id, decision: 'retain', record_type: $record_type,
                             record_id: $record_id, reason: $reason, decided_by: $decided_by,
                             decided_at: datetime($decided_at), next_review: $next_review})
CREATE (d)-[:ABOUT]->(n)
RETURN d.decision_id AS decision_id, toString(d.next_review) AS next_review
