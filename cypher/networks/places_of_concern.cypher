// The places of concern (by category) some people are placed at on or before $as_of:
// intelligence links (seen_at, frequents; never an E-graded one), sightings of them, and where
// a missing child was found with them. Home addresses (lives_at) never count.
UNWIND $person_ids AS person_id
MATCH (p:Person {person_id: person_id})
CALL (p) {
  MATCH (p)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(loc:Location)
  WHERE l.relation IN ['seen_at', 'frequents'] AND loc.category IN $categories
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
  WITH l, loc, i
  WHERE coalesce(i.intelligence_assessment, '') <> 'E'
    AND coalesce(date(l.observed_at), i.reported_on, date($as_of)) <= date($as_of)
  RETURN loc
  UNION
  MATCH (p)<-[:SAW]-(s:Sighting)-[:AT]->(loc:Location)
  WHERE loc.category IN $categories AND date(s.observed_at) <= date($as_of)
  RETURN loc
  UNION
  MATCH (p)<-[:OF|FOUND_WITH]-(e:MissingEpisode)-[:FOUND_AT]->(loc:Location)
  WHERE loc.category IN $categories AND date(coalesce(e.found_at, e.reported_at)) <= date($as_of)
  RETURN loc
}
WITH p.person_id AS person_id, collect(DISTINCT [loc.location_id, loc.category]) AS places
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_id', 'places'] AS columns, collect([person_id, places]) AS items
