// How many of each record hot spot layers are built from: a computed layer is reused only
// while these stay the same (counts come from Neo4j's count store: no scan).
RETURN COUNT { (:MissingEpisode) } AS missing_episodes, COUNT { (:Sighting) } AS sightings,
       COUNT { (:Link) } AS links, COUNT { (:Intel) } AS intel_reports, COUNT { (:Location) } AS locations
