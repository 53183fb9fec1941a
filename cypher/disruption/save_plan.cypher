// Store a plan and its proposed actions. An action proposed again keeps what people set
// (owner, due date, status, notes) and takes the current facts.
MERGE (p:DisruptionPlan {plan_id: $plan_id})
ON CREATE SET p.created_at = $now, p.created_by = $user
SET p.scope = $scope, p.scope_id = $scope_id, p.as_of = $as_of, p.lookback_days = $lookback_days,
    p.members = $members, p.planned_at = $now, p.planned_by = $user
WITH p
UNWIND $actions AS act
MERGE (a:DisruptionAction {action_id: act.action_id})
ON CREATE SET a.status = 'proposed', a.due_on = act.due_on, a.notes = [], a.created_at = $now, a.created_by = $user
SET a.plan_id = $plan_id, a.tactic = act.tactic, a.title = act.title, a.legal_basis = act.legal_basis,
    a.target_kind = act.target_kind, a.target_id = act.target_id, a.target_label = act.target_label,
    a.facts = act.facts, a.evidence_ids = act.evidence_ids, a.person_ids = act.person_ids, a.supported = true, a.proposed_at = $now,
    a.as_of = $as_of
REMOVE a.unsupported_since
MERGE (p)-[:HAS_ACTION]->(a)
WITH a, act
OPTIONAL MATCH (tp:Person {person_id: act.target_id}) WHERE act.target_kind = 'person'
OPTIONAL MATCH (tv:Vehicle {vrm: act.target_id}) WHERE act.target_kind = 'vehicle'
OPTIONAL MATCH (tl:Location {location_id: act.target_id}) WHERE act.target_kind = 'location'
FOREACH (t IN [x IN [tp, tv, tl] WHERE x IS NOT NULL] | MERGE (a)-[:TARGETS]->(t))
