// Cheapest statement that proves the server answers Cypher.
RETURN 1 AS ok
