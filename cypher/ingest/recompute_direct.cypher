// Recompute the direct relationship of each (subject, relation, object) from the Link nodes
// that assert it (docs/graph-model.md): one relationship typed after the relation, carrying
// link_ids, intel_ids, first_observed, last_observed, count and best_grade; removed when no
// link asserts it any more.
// $triples: [{subject, object (element IDs), relation, type (e.g. ASSOCIATES_WITH)}].
// $grade_rank: every grade label ranked strongest first, from graph_service.grading (the one
// grading table); $ungraded: the grade of a link without an intelligence report.
UNWIND $triples AS t
MATCH (s) WHERE elementId(s) = t.subject
MATCH (o) WHERE elementId(o) = t.object
CALL (s, o, t) {
  OPTIONAL MATCH (s)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(o)
  WHERE l.relation = t.relation
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
  WITH l, i, coalesce(date(l.observed_at), i.reported_on) AS observed_on
  ORDER BY l.link_id
  WITH collect(l.link_id) AS link_ids,
       collect(DISTINCT i.intel_id) AS intel_ids,
       min(observed_on) AS first_observed,
       max(observed_on) AS last_observed,
       collect(CASE WHEN l IS NULL THEN null
                    WHEN i IS NULL THEN $ungraded
                    ELSE i.source_evaluation + i.intelligence_assessment END) AS grades
  RETURN link_ids, intel_ids, first_observed, last_observed,
         reduce(best = null, g IN grades |
                CASE WHEN best IS NULL OR $grade_rank[g] < $grade_rank[best] THEN g ELSE best END) AS best_grade
}
CALL (s, o, t, link_ids, intel_ids, first_observed, last_observed, best_grade) {
  WITH * WHERE size(link_ids) > 0
  MERGE (s)-[r:$(t.type)]->(o)
  SET r.link_ids = link_ids, r.intel_ids = intel_ids, r.count = size(link_ids),
      r.first_observed = first_observed, r.last_observed = last_observed, r.best_grade = best_grade
}
CALL (s, o, t, link_ids) {
  WITH * WHERE size(link_ids) = 0
  MATCH (s)-[r:$(t.type)]->(o)
  DELETE r
}
RETURN count(*) AS recomputed
