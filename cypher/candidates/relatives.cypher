// Family records: the child, the relative and the relation (parent, guardian, sibling...).
MATCH (c:Person)-[r:HAS_RELATIVE]->(a:Person)
RETURN c.person_id AS child_id, a.person_id AS relative_id, r.relation AS relation
