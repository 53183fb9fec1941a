// What a kept problem profile was counted from: a kept profile is reused only while these stay
// the same (graph_service/web/profile_cache.py). Counts come from Neo4j's count store (no scan);
// changes that keep the counts (a notice's status, an action's status, boundaries loaded again,
// networks detected again) are seen by their times, and an ingest by the last published one's ID
// (ingest/end_staging: a re-ingested record changes no count).
CALL () {
  OPTIONAL MATCH (v:StoreVersion)
  RETURN v.last_ingest AS last_ingest
}
OPTIONAL MATCH (n:Notice)
WITH last_ingest, count(n) AS notices, max(n.status_changed_at) AS notice_changed_at
OPTIONAL MATCH (a:DisruptionAction)
WITH last_ingest, notices, notice_changed_at, count(a) AS actions, max(coalesce(a.updated_at, a.created_at)) AS action_changed_at
OPTIONAL MATCH (b:Area)
WITH last_ingest, notices, notice_changed_at, actions, action_changed_at, count(b) AS areas, max(b.loaded_at) AS areas_loaded_at
OPTIONAL MATCH (w:Network)
WITH last_ingest, notices, notice_changed_at, actions, action_changed_at, areas, areas_loaded_at,
     max(w.detected_at) AS detected_at
RETURN COUNT { (:Person) } AS people, COUNT { (:Link) } AS links, COUNT { (:Intel) } AS intel_reports,
       COUNT { (:MissingEpisode) } AS missing_episodes, COUNT { (:Sighting) } AS sightings,
       COUNT { (:CareStatus) } AS care_statuses, COUNT { (:CseConcern) } AS concerns,
       COUNT { (:CandidateReview) } AS decisions, toString(detected_at) AS networks_detected_at,
       COUNT { ()-[]->() } AS relationships, notices, toString(notice_changed_at) AS notice_changed_at,
       actions, toString(action_changed_at) AS action_changed_at, areas, toString(areas_loaded_at) AS areas_loaded_at,
       last_ingest
