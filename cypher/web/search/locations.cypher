// Places whose name, address, postcode or ID contains $q (lower case).
MATCH (l:Location)
WHERE toLower(coalesce(l.name, '')) CONTAINS $q
   OR toLower(coalesce(l.address, '')) CONTAINS $q
   OR replace(toLower(coalesce(l.postcode, '')), ' ', '') CONTAINS replace($q, ' ', '')
   OR toLower(l.location_id) = $q
RETURN l.location_id AS location_id, l.name AS name, l.category AS category, l.address AS address,
       l.postcode AS postcode
ORDER BY CASE WHEN toLower(l.name) = $q THEN 0 WHEN toLower(l.name) STARTS WITH $q THEN 1 ELSE 2 END, l.name,
         l.location_id
LIMIT $limit
