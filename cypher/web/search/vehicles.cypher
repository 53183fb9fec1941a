// Vehicles whose registration contains $vrm (normalised: no spaces, upper case), or whose
// make, model or colour contains $q (lower case).
MATCH (v:Vehicle)
WHERE ($vrm <> '' AND v.vrm CONTAINS $vrm)
   OR toLower(coalesce(v.make, '') + ' ' + coalesce(v.model, '') + ' ' + coalesce(v.colour, '')) CONTAINS $q
RETURN v.vrm AS vrm, v.make AS make, v.model AS model, v.colour AS colour
ORDER BY CASE WHEN v.vrm = $vrm THEN 0 WHEN v.vrm STARTS WITH $vrm THEN 1 ELSE 2 END, v.vrm
LIMIT $limit
