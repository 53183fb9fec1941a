// Ties the run keeps with other evidence: every value set in place, as update_members does
// for memberships.
UNWIND $ties AS row
MATCH ()-[t:TIED_TO]->() WHERE elementId(t) = row.id
SET t.digest = row.digest, t.weight = row.weight, t.count = row.count, t.kinds = row.kinds,
    t.evidence_ids = row.evidence_ids, t.grades = row.grades,
    t.first_observed = date(row.first_observed), t.last_observed = date(row.last_observed)
