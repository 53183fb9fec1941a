// Stored disruption actions, of one plan ($plan_id) or all (null), optionally of one $status.
MATCH (p:DisruptionPlan)-[:HAS_ACTION]->(a:DisruptionAction)
WHERE ($plan_id IS NULL OR p.plan_id = $plan_id) AND ($status IS NULL OR a.status = $status)
RETURN a {.*, scope: p.scope, scope_id: p.scope_id} AS action
