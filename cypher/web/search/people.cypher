// People whose name, an alias or ID holds every word of $query (a Lucene query built from the
// search text by graph_service/web/lucene.py, never the text itself), best matches first (the
// index's score: whole words before the start of a word before within a word): how many there
// are, and the page of them from $skip, at most $limit. $words: the search's words, to say
// which aliases matched.
CALL db.index.fulltext.queryNodes('person_search', $query) YIELD node AS p, score
WITH p, score
ORDER BY score DESC, p.surname, p.forename, p.person_id
WITH collect({person_id: p.person_id, name: trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')),
              aliases: coalesce(p.aliases, []), dob: toString(p.dob),
              aliases_matched: [a IN coalesce(p.aliases, []) WHERE any(w IN $words WHERE toLower(a) CONTAINS w)]})
     AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
