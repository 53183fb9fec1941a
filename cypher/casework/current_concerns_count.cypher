// How many children the filtered concerns list holds (for a page past its end).
MATCH (c:CseConcern)-[:CONCERNS]->(p:Person)
WITH p, c ORDER BY c.assessed_on DESC, c.concern_id DESC
WITH p, collect(c)[0] AS c
WHERE ($level IS NULL OR c.level = $level)
  AND ($risk_factor IS NULL OR $risk_factor IN coalesce(c.risk_factors, []))
RETURN count(p) AS total
