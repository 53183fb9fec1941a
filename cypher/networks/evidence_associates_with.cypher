// Association evidence: intelligence links "person associates_with person".
// One row per link, with the grades of the report behind it (none: an ungraded link) and
// its date (the link's own, else the report's). Weighed in Python by the one grading table.
MATCH (a:Person)<-[:SUBJECT]-(l:Link {relation: 'associates_with'})-[:OBJECT]->(b:Person)
WHERE a <> b
OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
WITH a.person_id AS person_a, b.person_id AS person_b, l.link_id AS evidence_id, i.source_evaluation AS source_evaluation, i.intelligence_assessment AS intelligence_assessment, toString(coalesce(date(l.observed_at), i.reported_on)) AS observed_on
ORDER BY evidence_id
// One record holding every row (a list per row, in the order of `columns`): the driver
// takes one record far faster than a hundred thousand.
RETURN ['person_a', 'person_b', 'evidence_id', 'source_evaluation', 'intelligence_assessment', 'observed_on'] AS columns,
       collect([person_a, person_b, evidence_id, source_evaluation, intelligence_assessment, observed_on]) AS items
