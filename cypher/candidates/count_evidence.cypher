// Baseline for benchmarks/candidates.py: count the evidence items the candidate list reads,
// in one statement, without returning them.
CALL () { MATCH (l:Link {relation: 'associates_with'}) RETURN count(l) AS associates_with }
CALL () { MATCH (:MissingEpisode)-[r:FOUND_WITH]->(:Person) RETURN count(r) AS found_with }
CALL () { MATCH (:Sighting)-[r:SAW]->(:Person) RETURN count(r) AS people_in_sightings }
CALL () { MATCH (l:Link {relation: 'travelled_in'}) RETURN count(l) AS travelled_in }
RETURN associates_with, found_with, people_in_sightings, travelled_in
