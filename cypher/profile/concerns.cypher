// The CSE concern assessments of $person_ids made between $start and $end (a level is an
// assessment of a child's situation at a date; the profile counts each child's newest in a window).
UNWIND $person_ids AS person_id
MATCH (c:CseConcern)-[:CONCERNS]->(:Person {person_id: person_id})
WHERE c.assessed_on >= $start AND c.assessed_on <= $end
RETURN person_id, c.concern_id AS concern_id, c.level AS level, c.assessed_on AS assessed_on
