// The newest decision on each reviewed adult and child.
MATCH (a:Person)<-[:ABOUT_ADULT]-(r:CandidateReview)-[:ABOUT_CHILD]->(c:Person)
WITH a, c, r ORDER BY r.decided_at DESC, r.review_id DESC
WITH a, c, collect(r)[0] AS r
RETURN r {.*, adult_id: a.person_id, child_id: c.person_id} AS review
