// A user's change to an action: owner, due (review) date, status, or a note added to its history.
MATCH (p:DisruptionPlan)-[:HAS_ACTION]->(a:DisruptionAction {action_id: $action_id})
SET a.owner = coalesce($owner, a.owner), a.due_on = coalesce($due_on, a.due_on),
    a.status = coalesce($status, a.status),
    a.notes = CASE WHEN $note IS NULL THEN a.notes ELSE coalesce(a.notes, []) + $note END,
    a.updated_by = $user, a.updated_at = $now
RETURN a {.*, scope: p.scope, scope_id: p.scope_id} AS action
