// A user starts watching a person, vehicle or place. Returns the watch, or no row when the
// target is not stored. The same user watching the same thing again keeps the first watch.
CALL () {
  MATCH (t:Person {person_id: $target_id}) WHERE $target_kind = 'person' RETURN t
  UNION
  MATCH (t:Vehicle {vrm: $target_id}) WHERE $target_kind = 'vehicle' RETURN t
  UNION
  MATCH (t:Location {location_id: $target_id}) WHERE $target_kind = 'place' RETURN t
}
MERGE (w:Watch {watch_id: $watch_id})
ON CREATE SET w.user = $user, w.target_kind = $target_kind, w.target_id = $target_id, w.since = date($since),
              w.reason = $reason
MERGE (w)-[:WATCHES]->(t)
RETURN w.watch_id AS watch_id, toString(w.since) AS since
