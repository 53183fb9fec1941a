// Memberships whose only change is their scores (their ties' weights aged a day or more):
// only the scores are set.
UNWIND $members AS row
MATCH ()-[m:MEMBER_OF]->() WHERE elementId(m) = row.id
SET m.weighted_degree = row.weighted_degree, m.betweenness = row.betweenness, m.brokerage = row.brokerage
