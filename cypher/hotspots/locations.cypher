// Locations for the map, with how many missing episodes ended there and how many sightings
// were made there; $categories limits the categories (null: every category).
MATCH (l:Location)
WHERE $categories IS NULL OR l.category IN $categories
RETURN l.location_id AS location_id, l.name AS name, l.category AS category, l.lat AS lat, l.lon AS lon,
       COUNT { (:MissingEpisode)-[:FOUND_AT]->(l) } AS missing_found,
       COUNT { (:Sighting)-[:AT]->(l) } AS sightings
ORDER BY location_id
