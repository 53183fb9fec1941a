// What a link chart or a path shows of some entities: a person's name and date of birth (to
// mark a child), a vehicle's description, a place's name and category. Ethnicity and the
// other protected characteristics are left out: nothing here ranks anyone. A place's
// coordinates (WGS84) go to its GeoPackage export.
// a phone's number, an account's platform and handle.
// $people, $vehicles (normalised VRMs), $locations, $phones (E.164), $accounts (platform:handle): the IDs.
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
  UNION ALL
  MATCH (m:Phone) WHERE m.number IN $phones
  RETURN 'phone' AS kind, m.number AS id, 'phone ' + m.number AS name, null AS dob, null AS category,
         null AS lat, null AS lon
  UNION ALL
  MATCH (a:OnlineAccount) WHERE a.account_key IN $accounts
  RETURN 'online_account' AS kind, a.account_key AS id, a.platform + ' @' + a.handle AS name, null AS dob,
         a.platform AS category, null AS lat, null AS lon
}
RETURN kind, id, name, dob, category, lat, lon
