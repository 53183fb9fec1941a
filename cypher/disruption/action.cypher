// One stored disruption action.
MATCH (p:DisruptionPlan)-[:HAS_ACTION]->(a:DisruptionAction {action_id: $action_id})
RETURN a {.*, scope: p.scope, scope_id: p.scope_id} AS action
