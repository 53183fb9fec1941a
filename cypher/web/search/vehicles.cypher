// Vehicles whose registration (the search's words written together, or each of them), make,
// model or colour match $query (a Lucene query built by graph_service/web/lucene.py), best
// matches first: how many there are, and the page of them from $skip, at most $limit.
CALL db.index.fulltext.queryNodes('vehicle_search', $query) YIELD node AS v, score
WITH v, score
ORDER BY score DESC, v.vrm
WITH collect({vrm: v.vrm, make: v.make, model: v.model, colour: v.colour}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
