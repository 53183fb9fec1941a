// Home page counts for analysts: aggregates only, nothing about any one person.
// $today: the date "children" are counted on (under 18 that day).
RETURN COUNT { (:Person) } AS people,
       COUNT { (p:Person) WHERE p.dob > $today - duration({years: 18}) } AS children,
       COUNT { (:Vehicle) } AS vehicles,
       COUNT { (:Location) } AS locations,
       COUNT { (:Intel) } AS intel_reports,
       COUNT { (:MissingEpisode) } AS missing_episodes,
       COUNT { (m:MissingEpisode) WHERE m.found_at IS NULL } AS still_missing,
       COUNT { (:Sighting) } AS sightings
