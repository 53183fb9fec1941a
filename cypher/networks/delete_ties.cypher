// Ties the run no longer has, or has with other evidence (written again after this).
UNWIND $ties AS row
MATCH (:Person {person_id: row.a})-[t:TIED_TO]->(:Person {person_id: row.b})
DELETE t
