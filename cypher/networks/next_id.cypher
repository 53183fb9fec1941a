// The lowest network ID never used: IDs of retired networks are never given to another group.
OPTIONAL MATCH (n:Network)
RETURN coalesce(max(n.network_id), 0) + 1 AS next_id
