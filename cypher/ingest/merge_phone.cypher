// Create or update a batch of `phone` records. $rows: [{number (E.164), props}].
// Identical records are skipped; a null in props removes that property.
UNWIND $rows AS row
OPTIONAL MATCH (old:Phone {number: row.number})
WITH row, old
WHERE old IS NULL
   OR any(k IN keys(row.props) WHERE coalesce(old[k] <> row.props[k], old[k] IS NOT NULL OR row.props[k] IS NOT NULL))
MERGE (p:Phone {number: row.number})
SET p += row.props
RETURN count(*) - count(old) AS created, count(old) AS updated
