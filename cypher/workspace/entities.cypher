// What a link chart or a path shows of some entities: a person's name and date of birth (to
// mark a child), a vehicle's description, a place's name and category. Ethnicity and the
// other protected characteristics are left out: nothing here ranks anyone. A place's
// coordinates (WGS84) go to its GeoPackage export.
// $people, $vehicles (normalised VRMs), $locations: the IDs.
CALL () {
  MATCH (p:Person) WHERE p.person_id IN $people
  RETURN 'person' AS kind, p.person_id AS id,
         trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, '')) AS name, toString(p.dob) AS dob,
         null AS category, null AS lat, null AS lon
  UNION ALL
  MATCH (v:Vehicle) WHERE v.vrm IN $vehicles
  RETURN 'vehicle' AS kind, v.vrm AS id,
         trim(v.vrm + ' ' + coalesce(v.colour, '') + ' ' + coalesce(v.make, '') + ' ' + coalesce(v.model, '')) AS name,
         null AS dob, null AS category, null AS lat, null AS lon
  UNION ALL
  MATCH (l:Location) WHERE l.location_id IN $locations
  RETURN 'location' AS kind, l.location_id AS id, l.name AS name, null AS dob, l.category AS category,
         l.lat AS lat, l.lon AS lon
}
RETURN kind, id, name, dob, category, lat, lon
