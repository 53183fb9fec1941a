// What today's candidate list is worked out from: a kept list is reused only while these stay
// the same. Counts come from Neo4j's count store (no scan); a notice's status change is seen by
// its time (notices are few), and an ingest by the last published one's ID (ingest/end_staging: a
// re-ingested record changes no count).
CALL () {
  OPTIONAL MATCH (v:StoreVersion)
  RETURN v.last_ingest AS last_ingest
}
OPTIONAL MATCH (n:Notice)
WITH last_ingest, count(n) AS notices, max(n.status_changed_at) AS notice_changed_at
RETURN COUNT { (:Person) } AS people, COUNT { (:Link) } AS links, COUNT { (:Intel) } AS intel_reports,
       COUNT { (:MissingEpisode) } AS missing_episodes, COUNT { (:Sighting) } AS sightings,
       COUNT { (:CareStatus) } AS care_statuses, COUNT { (:PermissionStatement) } AS statements,
       COUNT { ()-[]->() } AS relationships, notices, toString(notice_changed_at) AS notice_changed_at, last_ingest
