// People whose name, an alias or ID contains $q (lower case), best matches first.
MATCH (p:Person)
WITH p, toLower(trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))) AS name,
     [a IN coalesce(p.aliases, []) WHERE toLower(a) CONTAINS $q] AS aliases_matched
WHERE name CONTAINS $q OR size(aliases_matched) > 0 OR toLower(p.person_id) = $q
RETURN p.person_id AS person_id, trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')) AS name,
       coalesce(p.aliases, []) AS aliases, aliases_matched, toString(p.dob) AS dob
ORDER BY CASE WHEN toLower(p.person_id) = $q OR name = $q THEN 0 WHEN name STARTS WITH $q THEN 1 ELSE 2 END,
         p.surname, p.forename, p.person_id
LIMIT $limit
