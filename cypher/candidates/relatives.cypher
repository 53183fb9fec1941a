// Family records among the people named in the evidence ($person_ids) that make a relative a
// person connected with a child ($relations: parent, guardian, special guardian, parental
// responsibility, child arrangements order).
MATCH (c:Person)-[r:HAS_RELATIVE]->(a:Person)
WHERE c.person_id IN $person_ids AND r.relation IN $relations AND a.person_id IN $person_ids
RETURN c.person_id AS child_id, a.person_id AS relative_id, r.relation AS relation
