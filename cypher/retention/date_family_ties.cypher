// Every family tie's stored review date (docs/retention.md): a tie has no date of its own, so it is
// due only when its intake gave a review_date or a decision retained it, the decision first.
MATCH ()-[r:HAS_RELATIVE]->()
WHERE r.review_date IS NOT NULL OR r.next_review_date IS NOT NULL
SET r.review_due = coalesce(r.next_review_date, r.review_date)
RETURN count(r) AS dated
