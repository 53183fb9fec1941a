// Every stored plan with how many actions it has and how many are still open, newest first.
MATCH (p:DisruptionPlan)
OPTIONAL MATCH (p)-[:HAS_ACTION]->(a:DisruptionAction)
WITH p, count(a) AS actions,
     count(CASE WHEN a.status IN ['proposed', 'agreed', 'in_progress'] THEN 1 END) AS open
RETURN p {.*, actions: actions, open: open} AS plan
ORDER BY p.planned_at DESC
