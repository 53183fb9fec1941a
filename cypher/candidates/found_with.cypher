// Evidence of association: a child found with a person at the end of a missing episode,
// dated by the episode's found_at (an episode without one is undated); episodes found after
// $as_of are left out. Anchors ($person_ids, or people who may be under 18): see
// associates_with.cypher.
CALL () {
  MATCH (anchor:Person) WHERE anchor.person_id IN $person_ids RETURN anchor
  UNION
  MATCH (anchor:Person) WHERE $person_ids IS NULL AND anchor.dob > $child_born_after RETURN anchor
}
MATCH (anchor)<-[:OF|FOUND_WITH]-(e:MissingEpisode)
WITH DISTINCT e
MATCH (e)-[:OF]->(c:Person), (e)-[:FOUND_WITH]->(p:Person)
WITH e, c, p, date(e.found_at) AS on
WHERE on IS NULL OR on <= $as_of
RETURN e.episode_id AS episode_id, c.person_id AS child_id, p.person_id AS person_id, on
