// Evidence of association: a phone or online account one person uses was in contact with one
// another person uses. The item is the `contact` (its date and its report's grades); the
// `uses_phone` / `uses_account` links join each end to its user and must themselves exist by
// $as_of. Rows name the person at the contact's "from" end first. Anchors ($person_ids, or
// people who may be under 18): see associates_with.cypher.
CALL () {
  MATCH (anchor:Person) WHERE anchor.person_id IN $person_ids RETURN anchor
  UNION
  MATCH (anchor:Person) WHERE $person_ids IS NULL AND anchor.dob > $child_born_after RETURN anchor
}
CALL (anchor) {
  MATCH (anchor)<-[:SUBJECT]-(uf:Link)-[:OBJECT]->(x)<-[:FROM]-(c:Contact)-[:TO]->(y),
        (y)<-[:OBJECT]-(ut:Link)-[:SUBJECT]->(t:Person)
  WHERE uf.relation IN ['uses_phone', 'uses_account'] AND ut.relation IN ['uses_phone', 'uses_account']
    AND t <> anchor
  RETURN c, uf, ut, anchor AS f, t, x, y
  UNION
  MATCH (anchor)<-[:SUBJECT]-(ut:Link)-[:OBJECT]->(y)<-[:TO]-(c:Contact)-[:FROM]->(x),
        (x)<-[:OBJECT]-(uf:Link)-[:SUBJECT]->(f:Person)
  WHERE uf.relation IN ['uses_phone', 'uses_account'] AND ut.relation IN ['uses_phone', 'uses_account']
    AND f <> anchor
  RETURN c, uf, ut, f, anchor AS t, x, y
}
WITH DISTINCT c, uf, ut, f, t, x, y
MATCH (ci:Intel)-[:REPORTS]->(c)
OPTIONAL MATCH (fi:Intel)-[:REPORTS]->(uf)
OPTIONAL MATCH (ti:Intel)-[:REPORTS]->(ut)
WITH c, uf, ut, f, t, x, y, ci, fi, ti, c.contacted_on AS on,
     coalesce(date(uf.observed_at), fi.reported_on) AS from_used_on,
     coalesce(date(ut.observed_at), ti.reported_on) AS to_used_on
WHERE on <= $as_of AND (from_used_on IS NULL OR from_used_on <= $as_of)
  AND (to_used_on IS NULL OR to_used_on <= $as_of)
RETURN c.contact_id AS contact_id, f.person_id AS from_id, t.person_id AS to_id, on, c.means AS means,
       coalesce(x.number, x.platform + ' account ' + x.handle) AS from_end,
       coalesce(y.number, y.platform + ' account ' + y.handle) AS to_end,
       ci.intel_id AS intel_id, ci.source_evaluation AS source_evaluation,
       ci.intelligence_assessment AS intelligence_assessment, ci.handling_code AS handling_code,
       uf.link_id AS from_link_id, fi.intel_id AS from_intel_id, fi.source_evaluation AS from_source_evaluation,
       fi.intelligence_assessment AS from_intelligence_assessment, fi.handling_code AS from_handling_code,
       ut.link_id AS to_link_id, ti.intel_id AS to_intel_id, ti.source_evaluation AS to_source_evaluation,
       ti.intelligence_assessment AS to_intelligence_assessment, ti.handling_code AS to_handling_code
ORDER BY contact_id, from_id, to_id
