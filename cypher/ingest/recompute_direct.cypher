// Recompute the direct relationship of each (subject, relation, object) from the Link nodes
// that assert it (docs/graph-model.md): one relationship typed after the relation, carrying
// link_ids, intel_ids, first_observed, last_observed, count and best_grade; removed when no
// link asserts it any more.
// $triples: [{subject, object (element IDs), relation, type (e.g. ASSOCIATES_WITH)}].
// Links and reports an ingest has staged and not yet published count too (labelled Staged:
// docs/scaling.md); the ingest runs this before its publish only for triples with a staged
// end, whose direct relationship no reader can see until the publish.
// $grade_rank: every grade label ranked strongest first, from graph_service.grading (the one
// grading table); $ungraded: the grade of a link without an intelligence report.
UNWIND $triples AS t
MATCH (s) WHERE elementId(s) = t.subject
MATCH (o) WHERE elementId(o) = t.object
CALL (s, o, t) {
  // From the subject (a person or vehicle with a modest number of links), never from the
  // object: a hotspot location is the object of thousands, and scanning them once per
  // triple would grow with the square of its degree.
  OPTIONAL MATCH (s)<-[:SUBJECT]-(l:Link|Staged)
  WHERE l.relation = t.relation AND EXISTS { (l)-[:OBJECT]->(o) }
  OPTIONAL MATCH (i:Intel|Staged)-[:REPORTS]->(l)
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
// Replace rather than MERGE: on Neo4j 5.26 a MERGE or MATCH on a dynamic type scans every
// relationship, while CREATE with one and MATCH on a fixed list of types do not.
CALL (s, o, t) {
  MATCH (s)-[r:ASSOCIATES_WITH|USES_VEHICLE|TRAVELLED_IN|SEEN_AT|LIVES_AT|FREQUENTS|USES_PHONE|USES_ACCOUNT]->(o)
  WHERE type(r) = t.type
  DELETE r
}
CALL (s, o, t, link_ids, intel_ids, first_observed, last_observed, best_grade) {
  WITH * WHERE size(link_ids) > 0
  CREATE (s)-[r:$(t.type)]->(o)
  SET r.link_ids = link_ids, r.intel_ids = intel_ids, r.count = size(link_ids),
      r.first_observed = first_observed, r.last_observed = last_observed, r.best_grade = best_grade
}
RETURN count(*) AS recomputed
