// The last write of a publish in batches, in the transaction that merges the ingest's records into
// stored ones (or of the clean-up of one that did not finish): raise the store's generation again
// and say that no ingest is being published. Readers are served again from this commit.
MATCH (v:StoreVersion)
SET v.generation = v.generation + 1, v.publishing = null
RETURN v.generation AS generation
