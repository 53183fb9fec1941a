// Create or update a batch of `vehicle` records. $rows: [{vrm (normalised), props}].
// Identical records are skipped; a null in props removes that property.
UNWIND $rows AS row
OPTIONAL MATCH (old:Vehicle {vrm: row.vrm})
WITH row, old
WHERE old IS NULL
   OR any(k IN keys(row.props) WHERE coalesce(old[k] <> row.props[k], old[k] IS NOT NULL OR row.props[k] IS NOT NULL))
MERGE (v:Vehicle {vrm: row.vrm})
SET v += row.props
RETURN count(*) - count(old) AS created, count(old) AS updated
