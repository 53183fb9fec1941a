// Whether network detection has ever been run (the networks pages say so when not).
RETURN EXISTS { (:NetworkRun) } AS has_run
