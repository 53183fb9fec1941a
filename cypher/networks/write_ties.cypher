// Ties of the association graph that touch a network member, with their evidence summary,
// new since the last run (from the person with the smaller ID to the other; read
// them undirected); `digest` is the row's fingerprint.
UNWIND $ties AS row
MATCH (a:Person {person_id: row.a})
MATCH (b:Person {person_id: row.b})
CREATE (a)-[:TIED_TO {
  digest: row.digest, weight: row.weight, count: row.count, kinds: row.kinds,
  evidence_ids: row.evidence_ids, grades: row.grades,
  first_observed: date(row.first_observed), last_observed: date(row.last_observed)
}]->(b)
