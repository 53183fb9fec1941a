// Take the write lock $name inside the current transaction (graph_service.db: Database.transaction).
// A second transaction taking the same name waits here until the first commits or rolls back:
// the first holds the unique name (constraint write_lock_name) and, once the node exists, its
// write lock (SET). The node is deleted again by db/release_lock before the commit.
MERGE (lock:WriteLock {name: $name})
SET lock.taken_at = datetime()
RETURN lock.name AS name
