// The people placed at places of concern (by category) on or before $as_of, with those
// places: intelligence links (seen_at, frequents; never an E-graded one), sightings of them,
// and where a missing child was found with them. Home addresses (lives_at) never count.
// Asked from the places (2 465 of the large scenario's 33 933) rather than from the people,
// so it needs no graph and is read beside the evidence.
MATCH (loc:Location)
WHERE loc.category IN $categories
CALL (loc) {
  MATCH (p:Person)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(loc)
  WHERE l.relation IN ['seen_at', 'frequents']
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
  WITH p, l, i
  WHERE coalesce(i.intelligence_assessment, '') <> 'E'
    AND coalesce(date(l.observed_at), i.reported_on, date($as_of)) <= date($as_of)
  RETURN p
  UNION
  MATCH (p:Person)<-[:SAW]-(s:Sighting)-[:AT]->(loc)
  WHERE date(s.observed_at) <= date($as_of)
  RETURN p
  UNION
  MATCH (p:Person)<-[:OF|FOUND_WITH]-(e:MissingEpisode)-[:FOUND_AT]->(loc)
  WHERE date(coalesce(e.found_at, e.reported_at)) <= date($as_of)
  RETURN p
}
WITH p.person_id AS person_id, collect(DISTINCT [loc.location_id, loc.category]) AS places
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_id', 'places'] AS columns, collect([person_id, places]) AS items
