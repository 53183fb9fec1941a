// The person, vehicle and place with the most records tied to them: the heaviest pages of each
// kind, which benchmarks/web.py measures.
CALL () {
  MATCH (p:Person) RETURN p.person_id AS person_id ORDER BY COUNT { (p)--() } DESC, person_id LIMIT 1
}
CALL () {
  MATCH (v:Vehicle) RETURN v.vrm AS vrm ORDER BY COUNT { (v)--() } DESC, vrm LIMIT 1
}
CALL () {
  MATCH (l:Location) RETURN l.location_id AS location_id ORDER BY COUNT { (l)--() } DESC, location_id LIMIT 1
}
RETURN person_id, vrm, location_id
