// A store's first network run written in batches that did not finish: its memberships go, and
// the network_id copy each wrote on its person, in batches of their own transactions (see
// networks/discard_unfinished_ties). Auto-commit.
MATCH (p:Person)-[m:MEMBER_OF]->()
CALL (p, m) { DELETE m REMOVE p.network_id } IN TRANSACTIONS OF 10000 ROWS
RETURN count(m) AS discarded
