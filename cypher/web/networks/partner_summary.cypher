// What intelligence with handling code P (lawful sharing permitted) alone shows of each
// current network, for MACSE partners: the members tied to another member by a P-coded,
// not E-graded `associates_with` report, those ties, and the places P-coded reports put
// members at (seen at, frequents; never a home address). Nothing from handling code C,
// sightings or missing episodes. Names never leave this statement: Python pseudonymises IDs.
MATCH (n:Network {active: true})<-[:MEMBER_OF]-(p:Person)
WITH n, collect(p) AS members
CALL (members) {
  UNWIND members AS a
  MATCH (a)<-[:SUBJECT]-(l:Link {relation: 'associates_with'})-[:OBJECT]->(b:Person)
  WHERE b IN members
  MATCH (i:Intel)-[:REPORTS]->(l)
  WHERE i.handling_code = 'P' AND i.intelligence_assessment <> 'E'
  RETURN collect({a: a.person_id, b: b.person_id, intel_id: i.intel_id,
                  grade: i.source_evaluation + i.intelligence_assessment}) AS ties
}
CALL (members) {
  UNWIND members AS a
  MATCH (a)<-[:SUBJECT]-(l:Link)-[:OBJECT]->(loc:Location)
  WHERE l.relation IN ['seen_at', 'frequents'] AND loc.category <> 'home_address'
  MATCH (i:Intel)-[:REPORTS]->(l)
  WHERE i.handling_code = 'P' AND i.intelligence_assessment <> 'E'
  RETURN collect({person_id: a.person_id, location_id: loc.location_id, name: loc.name,
                  category: loc.category, lat: loc.lat, lon: loc.lon}) AS places
}
RETURN n.network_id AS network_id, ties, places,
       [p IN members | {person_id: p.person_id, dob: toString(p.dob)}] AS members
ORDER BY network_id
