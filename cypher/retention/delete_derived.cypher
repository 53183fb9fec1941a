// Delete what the service computed from, or keeps about, records being deleted
// (docs/retention.md), inside the deleting transaction, before the records themselves:
// alerts naming a deleted person or citing a deleted record; watches on a deleted person;
// candidate review decisions about them; disruption plans about them and actions naming them or
// resting on a deleted record (a plan proposed again takes the current facts); retention
// decisions on deleted records; deleted records taken out of the evidence of the association
// ties between other people and out of plans' member lists and saved investigations' charts
// (networks are recomputed at the next `networks detect`). $person_ids: people deleted ([] for a report); $record_ids: every
// deleted record's ID; $record_keys: record_type|record_id of each, for retention decisions.
CALL () {
  MATCH (a:Alert)
  WHERE any(pid IN a.people WHERE pid IN $person_ids)
     OR any(rid IN $record_ids WHERE a.evidence CONTAINS ('"' + rid + '"'))
  DETACH DELETE a
  RETURN count(*) AS alerts
}
CALL () {
  MATCH (w:Watch)
  WHERE (w.target_kind = 'person' AND w.target_id IN $person_ids)
     OR EXISTS { (w)-[:WATCHES]->(p:Person) WHERE p.person_id IN $person_ids }
  DETACH DELETE w
  RETURN count(*) AS watches
}
CALL () {
  MATCH (r:CandidateReview)-[:ABOUT_ADULT|ABOUT_CHILD]->(p:Person)
  WHERE p.person_id IN $person_ids
  WITH DISTINCT r
  DETACH DELETE r
  RETURN count(*) AS candidate_reviews
}
CALL () {
  MATCH (plan:DisruptionPlan)
  WHERE plan.scope = 'person' AND plan.scope_id IN $person_ids
  OPTIONAL MATCH (plan)-[:HAS_ACTION]->(a:DisruptionAction)
  DETACH DELETE a, plan
  RETURN count(DISTINCT plan) AS disruption_plans
}
CALL () {
  MATCH (a:DisruptionAction)
  WHERE (a.target_kind = 'person' AND a.target_id IN $person_ids)
     OR any(pid IN coalesce(a.person_ids, []) WHERE pid IN $person_ids)
     OR any(rid IN coalesce(a.evidence_ids, []) WHERE rid IN $record_ids)
  DETACH DELETE a
  RETURN count(*) AS disruption_actions
}
CALL () {
  MATCH (plan:DisruptionPlan)
  WHERE any(pid IN coalesce(plan.members, []) WHERE pid IN $person_ids)
  SET plan.members = [pid IN plan.members WHERE NOT pid IN $person_ids]
  RETURN count(*) AS plans_updated
}
CALL () {
  MATCH (d:RetentionDecision)
  WHERE d.record_type + '|' + d.record_id IN $record_keys
  DETACH DELETE d
  RETURN count(*) AS retention_decisions
}
// A tie's evidence (a link, a sighting, a missing episode: graph_service/analysis/association.py)
// names at least one of the tie's two people, so only the ties of the people the deleted records
// name are read, found from the records by their keys, never by reading every tie in the store.
CALL () {
  CALL () {
    MATCH (r:Link) WHERE r.link_id IN $record_ids RETURN r
    UNION
    MATCH (r:MissingEpisode) WHERE r.episode_id IN $record_ids RETURN r
    UNION
    MATCH (r:Sighting) WHERE r.sighting_id IN $record_ids RETURN r
  }
  MATCH (r)--(named:Person)
  WITH DISTINCT named
  MATCH (named)-[t:TIED_TO]-(:Person)
  WHERE any(rid IN t.evidence_ids WHERE rid IN $record_ids)
  WITH DISTINCT t
  SET t.evidence_ids = [rid IN t.evidence_ids WHERE NOT rid IN $record_ids]
  RETURN count(*) AS ties_updated
}
CALL () {
  MATCH (i:Investigation)
  WHERE any(key IN i.entities WHERE key IN [pid IN $person_ids | 'person:' + pid])
  SET i.entities = [key IN i.entities WHERE NOT key IN [pid IN $person_ids | 'person:' + pid]]
  RETURN count(*) AS investigations_updated
}
RETURN alerts, watches, candidate_reviews, disruption_plans, disruption_actions, plans_updated,
       retention_decisions, ties_updated, investigations_updated
