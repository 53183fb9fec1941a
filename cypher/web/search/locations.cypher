// Places whose name, address, postcode or ID contains $q (lower case): how many there are,
// and the page of them from $skip, at most $limit.
MATCH (l:Location)
WHERE toLower(coalesce(l.name, '')) CONTAINS $q
   OR toLower(coalesce(l.address, '')) CONTAINS $q
   OR replace(toLower(coalesce(l.postcode, '')), ' ', '') CONTAINS replace($q, ' ', '')
   OR toLower(l.location_id) = $q
WITH l
ORDER BY CASE WHEN toLower(l.name) = $q THEN 0 WHEN toLower(l.name) STARTS WITH $q THEN 1 ELSE 2 END, l.name,
         l.location_id
WITH collect({location_id: l.location_id, name: l.name, category: l.category, address: l.address,
              postcode: l.postcode}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
