// A reviewer's decision to retain one family record (a relationship, so apart from
// retention/retain): the same decision node, without an ABOUT relationship. Parameters as
// retention/retain; $record_id is child|relative|relation.
WITH split($record_id, '|') AS key WHERE size(key) = 3
MATCH (:Person {person_id: key[0]})-[n:HAS_RELATIVE {relation: key[2]}]->(:Person {person_id: key[1]})
SET n.next_review_date = $next_review, n.review_due = $next_review  // a decision's date comes first
CREATE (d:RetentionDecision {decision_id: $decision_id, decision: 'retain', record_type: 'family',
                             record_id: $record_id, reason: $reason, decided_by: $decided_by,
                             decided_at: datetime($decided_at), next_review: $next_review})
RETURN d.decision_id AS decision_id, toString(d.next_review) AS next_review
