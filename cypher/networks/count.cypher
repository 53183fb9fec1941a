// How many current networks there are, and how many of them are of concern; $person_ids, when
// not null, counts only the networks with a member among them (see list.cypher).
MATCH (n:Network {active: true})
WHERE $person_ids IS NULL OR EXISTS { MATCH (p:Person)-[:MEMBER_OF]->(n) WHERE p.person_id IN $person_ids }
RETURN count(n) AS total, count(n.concern_rank) AS of_concern
