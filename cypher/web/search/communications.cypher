// Phones and online accounts for the search box: the phone whose number is $number (the search
// text read as a phone number, in E.164; null when it is not one) and the accounts whose
// platform or handle match $query (a Lucene query built by graph_service/web/lucene.py, null
// for none), best matches first (a phone's exact number before any account); each with the
// people intelligence says use it (uses_phone, uses_account; a report assessed in $never_counts
// never counts). How many there are, and the page of them from $skip, at most $limit.
CALL () {
  MATCH (m:Phone {number: $number})
  RETURN m AS thing, 'phone' AS kind, m.number AS id, m.number AS label, 1.0e9 AS score
  UNION ALL
  WITH $query AS query WHERE query IS NOT NULL
  CALL db.index.fulltext.queryNodes('account_search', query) YIELD node AS a, score
  RETURN a AS thing, 'online_account' AS kind, a.account_key AS id, a.platform + ' @' + a.handle AS label, score
}
WITH thing, kind, id, label, score
ORDER BY score DESC, id
WITH collect({kind: kind, id: id, label: label,
              users: COLLECT {
                MATCH (p:Person)<-[:SUBJECT]-(k:Link)-[:OBJECT]->(thing)
                WHERE k.relation IN ['uses_phone', 'uses_account']
                  AND NOT EXISTS { (i:Intel)-[:REPORTS]->(k) WHERE i.intelligence_assessment IN $never_counts }
                WITH DISTINCT p
                ORDER BY p.person_id
                RETURN {person_id: p.person_id, name: trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))}
              }}) AS found
RETURN size(found) AS total, found[$skip..$skip + $limit] AS items
