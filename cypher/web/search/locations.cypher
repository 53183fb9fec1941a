// Places whose name, address, postcode (typed with or without its space) or ID match $query (a
// Lucene query built by graph_service/web/lucene.py), best matches first: how many there are,
// and the page of them from $skip, at most $limit.
CALL db.index.fulltext.queryNodes('location_search', $query) YIELD node AS l, score
WITH l, score
ORDER BY score DESC, l.name, l.location_id
WITH collect({location_id: l.location_id, name: l.name, category: l.category, address: l.address,
              postcode: l.postcode}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
