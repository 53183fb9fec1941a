// A reviewer's decision on one candidate line. Decisions are a history: each is a new node.
MATCH (a:Person {person_id: $adult_id}), (c:Person {person_id: $child_id})
CREATE (r:CandidateReview {review_id: $review_id, decision: $decision, reason: $reason,
                           decided_by: $decided_by, decided_at: $decided_at, as_of: $as_of,
                           legal_bases: $legal_bases, score: $score})
CREATE (r)-[:ABOUT_ADULT]->(a), (r)-[:ABOUT_CHILD]->(c)
RETURN r {.*, adult_id: a.person_id, child_id: c.person_id} AS review
