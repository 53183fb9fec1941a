// Evidence of association: a child found with a person at the end of a missing episode,
// dated by the episode's found_at (an episode without one is undated); episodes found after
// $as_of are left out. $child_born_after (a date, or null for all ages) keeps pairs where one
// person may be under 18; $person_id (or null) keeps only that person's pairs.
MATCH (e:MissingEpisode)-[:OF]->(c:Person), (e)-[:FOUND_WITH]->(p:Person)
WHERE ($child_born_after IS NULL OR c.dob > $child_born_after OR p.dob > $child_born_after)
  AND ($person_id IS NULL OR c.person_id = $person_id OR p.person_id = $person_id)
WITH e, c, p, date(e.found_at) AS on
WHERE on IS NULL OR on <= $as_of
RETURN e.episode_id AS episode_id, c.person_id AS child_id, p.person_id AS person_id, on
