// The review date of a batch of `family` records (docs/retention.md), on their relationship:
// set when the record gives one, removed when it no longer does; and its stored review date
// (retention/set_review_due: a retention decision's date first).
// $rows: [{person_id (the child), relative_id, relation, review_date (date or null)}].
UNWIND $rows AS row
MATCH (:Person {person_id: row.person_id})-[r:HAS_RELATIVE {relation: row.relation}]->(:Person {person_id: row.relative_id})
SET r.review_date = row.review_date, r.review_due = coalesce(r.next_review_date, row.review_date)
