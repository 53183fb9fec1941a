// Ties whose only change is their weight (their evidence aged a day or more, nothing new):
// only the weight is set.
UNWIND $ties AS row
MATCH ()-[t:TIED_TO]->() WHERE elementId(t) = row.id
SET t.weight = row.weight
