// Every CSE concern assessment of one child, newest first (a level's history matters).
MATCH (c:CseConcern)-[:CONCERNS]->(:Person {person_id: $person_id})
RETURN c.concern_id AS concern_id, c.level AS level, toString(c.assessed_on) AS assessed_on,
       c.assessed_by AS assessed_by, coalesce(c.risk_factors, []) AS risk_factors,
       toString(c.review_on) AS review_on
ORDER BY c.assessed_on DESC, c.concern_id DESC
