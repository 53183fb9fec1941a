// Every decision on one adult and child, newest first.
MATCH (a:Person {person_id: $adult_id})<-[:ABOUT_ADULT]-(r:CandidateReview)-[:ABOUT_CHILD]->(c:Person {person_id: $child_id})
RETURN r {.*, adult_id: a.person_id, child_id: c.person_id} AS review
ORDER BY r.decided_at DESC, r.review_id DESC
