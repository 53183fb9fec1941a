// Keys of the networks' own nodes (applied before each write-back; idempotent).
CREATE CONSTRAINT network_id IF NOT EXISTS FOR (n:Network) REQUIRE n.network_id IS UNIQUE;
CREATE CONSTRAINT network_run_id IF NOT EXISTS FOR (n:NetworkRun) REQUIRE n.run_id IS UNIQUE;
