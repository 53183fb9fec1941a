// Create or update a batch of `contact` records: (contact)-[:FROM]->(phone or account),
// (contact)-[:TO]->(phone or account), (:Intel)-[:REPORTS]->(contact).
// $rows: [{contact_id, intel_id, from_phone | from_online_account, to_phone |
// to_online_account, props}]: each end's key under its type (the other absent, so its lookup
// finds nothing); every ID is known to exist. Identical records (properties and
// relationships) are skipped.
UNWIND $rows AS row
// Dates arrive as ISO 8601 text.
WITH row, row.props AS raw
WITH row, raw {.*, contacted_on: date(raw.contacted_on)} AS props
OPTIONAL MATCH (old:Contact {contact_id: row.contact_id})
OPTIONAL MATCH (old)-[:FROM]->(was_from)
OPTIONAL MATCH (old)-[:TO]->(was_to)
OPTIONAL MATCH (was_intel:Intel)-[:REPORTS]->(old)
OPTIONAL MATCH (fp:Phone {number: row.from_phone})
OPTIONAL MATCH (fa:OnlineAccount {account_key: row.from_online_account})
OPTIONAL MATCH (tp:Phone {number: row.to_phone})
OPTIONAL MATCH (ta:OnlineAccount {account_key: row.to_online_account})
MATCH (intel:Intel {intel_id: row.intel_id})
WITH row, props, old, was_from, was_to, was_intel, coalesce(fp, fa) AS from, coalesce(tp, ta) AS to, intel
WHERE old IS NULL
   OR any(k IN keys(props) WHERE coalesce(old[k] <> props[k], old[k] IS NOT NULL OR props[k] IS NOT NULL))
   OR coalesce(was_from <> from, true)
   OR coalesce(was_to <> to, true)
   OR coalesce(was_intel <> intel, true)
MERGE (c:Contact {contact_id: row.contact_id})
SET c += props
WITH old, c, from, to, intel
CALL (c) {
  MATCH (c)-[r:FROM|TO]->()
  DELETE r
}
CALL (c) {
  MATCH (:Intel)-[r:REPORTS]->(c)
  DELETE r
}
CREATE (c)-[:FROM]->(from)
CREATE (c)-[:TO]->(to)
CREATE (intel)-[:REPORTS]->(c)
RETURN count(*) - count(old) AS created, count(old) AS updated
