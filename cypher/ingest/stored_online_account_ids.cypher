// Which of $ids (platform:handle) are stored as OnlineAccount, with their element IDs.
UNWIND $ids AS id
MATCH (n:OnlineAccount {account_key: id})
RETURN n.account_key AS id, elementId(n) AS element_id
