// Disruption actions about any of $person_ids or targeting a place in the area: when proposed,
// their status, due date and when last changed (a completed action's completion date).
MATCH (a:DisruptionAction)
WHERE any(pid IN coalesce(a.person_ids, []) WHERE pid IN $person_ids)
   OR EXISTS { (a)-[:TARGETS]->(:Location)-[:IN_AREA]->(:Area {area_id: $area_id}) }
RETURN a.action_id AS action_id, a.status AS status, date(a.created_at) AS opened_on,
       date(coalesce(a.updated_at, a.created_at)) AS changed_on, a.due_on AS due_on
