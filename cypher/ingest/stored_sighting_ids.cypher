// Which of $ids are stored as Sighting (new records are staged, stored ones merged at the publish).
UNWIND $ids AS id
MATCH (n:Sighting {sighting_id: id})
RETURN n.sighting_id AS id
