// One location.
MATCH (l:Location {location_id: $location_id})
RETURN l.location_id AS location_id, l.name AS name, l.category AS category, l.lat AS lat, l.lon AS lon,
       l.address AS address, l.postcode AS postcode
