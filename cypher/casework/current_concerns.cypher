// Children by their current CSE concern level (the newest assessment), highest level first,
// then the most recently assessed; filtered by $level and $risk_factor (null: any). One page
// ($skip, $limit), each row with the total of the filtered list.
MATCH (c:CseConcern)-[:CONCERNS]->(p:Person)
WITH p, c ORDER BY c.assessed_on DESC, c.concern_id DESC
WITH p, collect(c) AS assessments
WITH p, assessments[0] AS c, size(assessments) AS assessments_count
WHERE ($level IS NULL OR c.level = $level)
  AND ($risk_factor IS NULL OR $risk_factor IN coalesce(c.risk_factors, []))
WITH collect({p: p, c: c, n: assessments_count}) AS rows
UNWIND rows AS row
WITH row.p AS p, row.c AS c, row.n AS assessments_count, size(rows) AS total
ORDER BY c.level DESC, c.assessed_on DESC, p.person_id
SKIP $skip LIMIT $limit
RETURN p.person_id AS person_id, trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')) AS name,
       c.concern_id AS concern_id, c.level AS level, toString(c.assessed_on) AS assessed_on,
       c.assessed_by AS assessed_by, coalesce(c.risk_factors, []) AS risk_factors,
       toString(c.review_on) AS review_on, assessments_count, total
