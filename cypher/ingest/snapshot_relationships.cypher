// Every relationship with its type, ends and properties, in a stable order (see snapshot_nodes).
MATCH (a)-[r]->(b)
RETURN elementId(r) AS id, elementId(a) AS start, type(r) AS type, elementId(b) AS end, properties(r) AS properties
ORDER BY id
