// Names, dates of birth and aliases of every person, for the possible-duplicates check
// (ingest/resolution.py compares them; nothing is merged).
MATCH (p:Person)
RETURN p.person_id AS person_id, p.forename AS forename, p.surname AS surname, p.dob AS dob, p.aliases AS aliases
