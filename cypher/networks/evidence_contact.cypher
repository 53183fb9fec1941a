// Association evidence: two people whose phones or online accounts were in contact (a
// `contact` record from one to the other, graded through its report). One row per contact and
// pair: the contact's grades and date, and each person's evidence of using their end
// (`uses_phone` / `uses_account` links: ID, grades, date); Python takes each person's best use
// and weighs the item as the weakest of the contact and the two uses, as a journey is weighed.
MATCH (i:Intel)-[:REPORTS]->(c:Contact)-[:FROM]->(x), (c)-[:TO]->(y)
MATCH (a:Person)<-[:SUBJECT]-(la:Link)-[:OBJECT]->(x)
WHERE la.relation IN ['uses_phone', 'uses_account']
OPTIONAL MATCH (ia:Intel)-[:REPORTS]->(la)
WITH c, i, y, a, collect({id: la.link_id, source_evaluation: ia.source_evaluation,
                          intelligence_assessment: ia.intelligence_assessment,
                          observed_on: toString(coalesce(date(la.observed_at), ia.reported_on))}) AS uses_a
MATCH (b:Person)<-[:SUBJECT]-(lb:Link)-[:OBJECT]->(y)
WHERE lb.relation IN ['uses_phone', 'uses_account'] AND a <> b
OPTIONAL MATCH (ib:Intel)-[:REPORTS]->(lb)
WITH c, i, a, uses_a, b, collect({id: lb.link_id, source_evaluation: ib.source_evaluation,
                                  intelligence_assessment: ib.intelligence_assessment,
                                  observed_on: toString(coalesce(date(lb.observed_at), ib.reported_on))}) AS uses_b
WITH c.contact_id AS evidence_id, a.person_id AS person_a, b.person_id AS person_b,
     i.source_evaluation AS source_evaluation, i.intelligence_assessment AS intelligence_assessment,
     toString(date(c.contacted_on)) AS observed_on, uses_a, uses_b
ORDER BY evidence_id, person_a, person_b
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['evidence_id', 'person_a', 'person_b', 'source_evaluation', 'intelligence_assessment', 'observed_on',
        'uses_a', 'uses_b'] AS columns,
       collect([evidence_id, person_a, person_b, source_evaluation, intelligence_assessment, observed_on,
                uses_a, uses_b]) AS items
