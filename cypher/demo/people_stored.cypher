// How many people the store holds: `graph-service demo` loads the scenario only into an empty store.
MATCH (p:Person)
RETURN count(p) AS people
