// People whose name, an alias or ID contains $q (lower case), best matches first: how many
// there are, and the page of them from $skip, at most $limit.
MATCH (p:Person)
WITH p, toLower(trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))) AS name,
     [a IN coalesce(p.aliases, []) WHERE toLower(a) CONTAINS $q] AS aliases_matched
WHERE name CONTAINS $q OR size(aliases_matched) > 0 OR toLower(p.person_id) = $q
WITH p, aliases_matched
ORDER BY CASE WHEN toLower(p.person_id) = $q OR toLower(trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))) = $q
              THEN 0 WHEN toLower(trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))) STARTS WITH $q THEN 1
              ELSE 2 END,
         p.surname, p.forename, p.person_id
WITH collect({person_id: p.person_id, name: trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')),
              aliases: coalesce(p.aliases, []), aliases_matched: aliases_matched, dob: toString(p.dob)}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
