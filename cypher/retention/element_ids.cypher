// The element IDs of stored records of one type ($record_type) by their IDs ($ids), or, for
// $record_type 'reported_by' and report IDs, of the links and contacts those reports report: the
// records whose review date an ingest's merges may have changed (graph_service.analysis.retention.due_dates).
CALL () {
  UNWIND CASE WHEN $record_type = 'intel' THEN $ids ELSE [] END AS id
  MATCH (n:Intel {intel_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'link' THEN $ids ELSE [] END AS id
  MATCH (n:Link {link_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'missing_episode' THEN $ids ELSE [] END AS id
  MATCH (n:MissingEpisode {episode_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'sighting' THEN $ids ELSE [] END AS id
  MATCH (n:Sighting {sighting_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'care_status' THEN $ids ELSE [] END AS id
  MATCH (n:CareStatus {care_status_key: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'notice' THEN $ids ELSE [] END AS id
  MATCH (n:Notice {notice_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'permission_statement' THEN $ids ELSE [] END AS id
  MATCH (n:PermissionStatement {statement_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'cse_concern' THEN $ids ELSE [] END AS id
  MATCH (n:CseConcern {concern_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'contact' THEN $ids ELSE [] END AS id
  MATCH (n:Contact {contact_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'phone' THEN $ids ELSE [] END AS id
  MATCH (n:Phone {number: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'online_account' THEN $ids ELSE [] END AS id
  MATCH (n:OnlineAccount {account_key: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'person' THEN $ids ELSE [] END AS id
  MATCH (n:Person {person_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'vehicle' THEN $ids ELSE [] END AS id
  MATCH (n:Vehicle {vrm: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'location' THEN $ids ELSE [] END AS id
  MATCH (n:Location {location_id: id})
  RETURN n
  UNION ALL
  UNWIND CASE WHEN $record_type = 'reported_by' THEN $ids ELSE [] END AS id
  MATCH (:Intel {intel_id: id})-[:REPORTS]->(n)
  RETURN n
}
RETURN collect(elementId(n)) AS element_ids
