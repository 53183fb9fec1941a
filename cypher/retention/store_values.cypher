// Every property value in the store, of every node and relationship, with where it is
// (docs/retention.md): the check that a deletion leaves nothing naming a deleted ID.
CALL () {
  MATCH (n)
  RETURN 'node ' + elementId(n) + ' ' + reduce(s = '', l IN labels(n) | s + ':' + l) AS holder, properties(n) AS properties
  UNION ALL
  MATCH ()-[r]->()
  RETURN 'relationship ' + elementId(r) + ' :' + type(r) AS holder, properties(r) AS properties
}
RETURN holder, properties
