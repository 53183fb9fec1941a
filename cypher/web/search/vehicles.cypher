// Vehicles whose registration contains $vrm (normalised: no spaces, upper case), or whose
// make, model or colour contains $q (lower case): how many there are, and the page of them
// from $skip, at most $limit.
MATCH (v:Vehicle)
WHERE ($vrm <> '' AND v.vrm CONTAINS $vrm)
   OR toLower(coalesce(v.make, '') + ' ' + coalesce(v.model, '') + ' ' + coalesce(v.colour, '')) CONTAINS $q
WITH v
ORDER BY CASE WHEN v.vrm = $vrm THEN 0 WHEN v.vrm STARTS WITH $vrm THEN 1 ELSE 2 END, v.vrm
WITH collect({vrm: v.vrm, make: v.make, model: v.model, colour: v.colour}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
