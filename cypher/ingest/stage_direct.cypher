// Create the direct relationships of triples with a staged end, worked out by the ingest from
// the links that assert them (ingest/staging.py, direct_relationship): every such link is in
// the ingest, so no link or report need be read here. The same properties as
// ingest/recompute_direct gives them; no reader sees them before the publish, as one end is
// a node labelled only Staged.
// $rows: [{subject, object (element IDs), type (e.g. ASSOCIATES_WITH), link_ids, intel_ids,
// first_observed, last_observed (ISO 8601 dates or null), best_grade}].
UNWIND $rows AS row
MATCH (s) WHERE elementId(s) = row.subject
MATCH (o) WHERE elementId(o) = row.object
CREATE (s)-[r:$(row.type)]->(o)
SET r.link_ids = row.link_ids, r.intel_ids = row.intel_ids, r.count = size(row.link_ids),
    r.first_observed = date(row.first_observed), r.last_observed = date(row.last_observed),
    r.best_grade = row.best_grade
RETURN count(*) AS created
