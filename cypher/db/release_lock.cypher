// Release the write lock $name at the end of the transaction that took it (db/take_lock):
// deleting the node leaves nothing in the store; the lock itself ends with the transaction.
MATCH (lock:WriteLock {name: $name})
DELETE lock
