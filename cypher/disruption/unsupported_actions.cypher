// Actions of a plan that the current facts no longer propose: kept, and marked for people to close.
MATCH (:DisruptionPlan {plan_id: $plan_id})-[:HAS_ACTION]->(a:DisruptionAction)
WHERE NOT a.action_id IN $action_ids AND a.supported
SET a.supported = false, a.unsupported_since = $now
