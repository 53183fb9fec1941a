// Every place in the area with its category.
MATCH (:Area {area_id: $area_id})<-[:IN_AREA]-(l:Location)
RETURN l.location_id AS location_id, l.category AS category
