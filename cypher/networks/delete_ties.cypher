// Ties the run no longer has.
UNWIND $ties AS row
MATCH ()-[t:TIED_TO]->() WHERE elementId(t) = row.id
DELETE t
