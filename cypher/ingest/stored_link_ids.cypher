// Which of $ids are stored as Link (new records are staged, stored ones merged at the publish).
UNWIND $ids AS id
MATCH (n:Link {link_id: id})
RETURN n.link_id AS id
