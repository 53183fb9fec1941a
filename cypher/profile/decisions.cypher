// Candidate review decisions about any of $person_ids (the area's children at risk).
UNWIND $person_ids AS person_id
MATCH (r:CandidateReview)-[:ABOUT_CHILD]->(:Person {person_id: person_id})
RETURN r.review_id AS review_id, r.decision AS decision, date(r.decided_at) AS decided_on
