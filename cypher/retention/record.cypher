// The stored records with these IDs, with what the retention policy needs: own date, facts,
// given review date, retained next review (docs/retention.md; the same facts as
// retention/set_review_due). $records: [{record_type (null: any type), record_id}]. Several rows
// for one: its ID names records of several types. A family record's ID is child|relative|relation.
UNWIND $records AS wanted
CALL (wanted) {
  MATCH (n:Intel {intel_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'intel'
  RETURN 'intel' AS record_type, n AS record, n.reported_on AS own_date,
         {source_evaluation: n.source_evaluation, intelligence_assessment: n.intelligence_assessment} AS facts
  UNION ALL
  MATCH (n:Link {link_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'link'
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(n)
  RETURN 'link' AS record_type, n AS record, coalesce(date(n.observed_at), i.reported_on) AS own_date,
         {source_evaluation: i.source_evaluation, intelligence_assessment: i.intelligence_assessment} AS facts
  UNION ALL
  MATCH (n:MissingEpisode {episode_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'missing_episode'
  RETURN 'missing_episode' AS record_type, n AS record, date(n.reported_at) AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Sighting {sighting_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'sighting'
  RETURN 'sighting' AS record_type, n AS record, date(n.observed_at) AS own_date, {source: n.source} AS facts
  UNION ALL
  MATCH (n:CareStatus {care_status_key: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'care_status'
  RETURN 'care_status' AS record_type, n AS record, n.start_on AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Notice {notice_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'notice'
  RETURN 'notice' AS record_type, n AS record, n.issued_on AS own_date, {} AS facts
  UNION ALL
  MATCH (n:PermissionStatement {statement_id: wanted.record_id})
  WHERE wanted.record_type IS NULL OR wanted.record_type = 'permission_statement'
  RETURN 'permission_statement' AS record_type, n AS record, n.made_on AS own_date, {} AS facts
  UNION ALL
  MATCH (n:CseConcern {concern_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'cse_concern'
  RETURN 'cse_concern' AS record_type, n AS record, n.assessed_on AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Contact {contact_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'contact'
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(n)
  RETURN 'contact' AS record_type, n AS record, n.contacted_on AS own_date,
         {source_evaluation: i.source_evaluation, intelligence_assessment: i.intelligence_assessment} AS facts
  UNION ALL
  MATCH (n:Phone {number: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'phone'
  RETURN 'phone' AS record_type, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (n:OnlineAccount {account_key: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'online_account'
  RETURN 'online_account' AS record_type, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Person {person_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'person'
  RETURN 'person' AS record_type, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Vehicle {vrm: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'vehicle'
  RETURN 'vehicle' AS record_type, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Location {location_id: wanted.record_id}) WHERE wanted.record_type IS NULL OR wanted.record_type = 'location'
  RETURN 'location' AS record_type, n AS record, null AS own_date, {} AS facts
  UNION ALL
  WITH wanted, split(wanted.record_id, '|') AS key WHERE size(key) = 3 AND (wanted.record_type IS NULL OR wanted.record_type = 'family')
  MATCH (:Person {person_id: key[0]})-[n:HAS_RELATIVE {relation: key[2]}]->(:Person {person_id: key[1]})
  RETURN 'family' AS record_type, n AS record, null AS own_date, {} AS facts
}
RETURN record_type, wanted.record_id AS record_id, toString(own_date) AS own_date, facts,
       toString(record.review_date) AS given, toString(record.next_review_date) AS retained
ORDER BY record_id, record_type
