// Which of $ids are stored as Contact (new records are staged, stored ones merged at the publish).
UNWIND $ids AS id
MATCH (n:Contact {contact_id: id})
RETURN n.contact_id AS id
