// Delete the person node itself, with every relationship left on it (family ties, direct
// relationships, network membership and ties, what kept records said of them: found with,
// seen), inside the deleting transaction, last (docs/retention.md).
MATCH (p:Person {person_id: $person_id})
DETACH DELETE p
RETURN count(*) AS people
