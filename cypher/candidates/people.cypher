// The people named in the evidence ($person_ids), with their dates of birth, for the
// abduction-notice candidate rules. Names are for display only; no other personal field is read.
MATCH (p:Person)
WHERE p.person_id IN $person_ids
RETURN p.person_id AS person_id, p.dob AS dob, p.forename AS forename, p.surname AS surname
