// How many of each record hot spot layers are built from: a computed layer is reused only
// while these stay the same (counts come from Neo4j's count store: no scan), while no ingest is
// published (the last published one's ID, ingest/end_staging: a re-dated link or a report
// re-graded from code P to C changes no count) and while the loaded areas (the analysis masks;
// few nodes) keep their boundaries.
CALL () {
  OPTIONAL MATCH (a:Area)
  RETURN count(a) AS areas, toString(max(a.loaded_at)) AS areas_loaded
}
CALL () {
  OPTIONAL MATCH (v:StoreVersion)
  RETURN v.last_ingest AS last_ingest
}
RETURN COUNT { (:MissingEpisode) } AS missing_episodes, COUNT { (:Sighting) } AS sightings,
       COUNT { (:Link) } AS links, COUNT { (:Intel) } AS intel_reports, COUNT { (:Location) } AS locations,
       last_ingest, areas, areas_loaded
