// Create or update a batch of `online_account` records. $rows: [{account_key (platform:handle),
// props: {platform, handle, display_name}}]. Identical records are skipped; a null in props
// removes that property.
UNWIND $rows AS row
OPTIONAL MATCH (old:OnlineAccount {account_key: row.account_key})
WITH row, old
WHERE old IS NULL
   OR any(k IN keys(row.props) WHERE coalesce(old[k] <> row.props[k], old[k] IS NOT NULL OR row.props[k] IS NOT NULL))
MERGE (a:OnlineAccount {account_key: row.account_key})
SET a += row.props
RETURN count(*) - count(old) AS created, count(old) AS updated
