// Stage a batch of new `family` records (see ingest/stage_person) where the child or the
// relative is itself new in this ingest, so still labelled only Staged: a reader matching
// (:Person)-[:HAS_RELATIVE]->(:Person) does not see the relationship until the publish.
// $rows: [{child, relative (element IDs), relation, review_date (date or null)}].
UNWIND $rows AS row
MATCH (child) WHERE elementId(child) = row.child
MATCH (relative) WHERE elementId(relative) = row.relative
CREATE (child)-[r:HAS_RELATIVE {relation: row.relation}]->(relative)
SET r.review_date = row.review_date, r.review_due = row.review_date
RETURN count(*) AS created
