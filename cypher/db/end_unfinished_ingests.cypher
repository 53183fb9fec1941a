// The Ingest nodes of unfinished ingests, once db/discard_unfinished_ingest has removed what they staged.
MATCH (i:Ingest)
DELETE i
RETURN count(*) AS ended
