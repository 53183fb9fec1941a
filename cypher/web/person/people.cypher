// Name and date of birth of the people with the given IDs (nodes of a network drawing).
MATCH (p:Person) WHERE p.person_id IN $person_ids
RETURN p.person_id AS person_id, trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')) AS name,
       toString(p.dob) AS dob
