// The people each record names, for the review queue's "what it is about" (docs/retention.md).
// $records: [{record_type, record_id}]. Returns one row a record, people sorted by ID.
UNWIND $records AS r
CALL (r) {
  MATCH (:Intel {intel_id: r.record_id})-[:REPORTS]->(:Link)-[:SUBJECT|OBJECT]->(p:Person)
  WHERE r.record_type = 'intel' RETURN p
  UNION
  MATCH (:Link {link_id: r.record_id})-[:SUBJECT|OBJECT]->(p:Person) WHERE r.record_type = 'link' RETURN p
  UNION
  MATCH (:MissingEpisode {episode_id: r.record_id})-[:OF|FOUND_WITH]->(p:Person)
  WHERE r.record_type = 'missing_episode' RETURN p
  UNION
  MATCH (:Sighting {sighting_id: r.record_id})-[:SAW]->(p:Person) WHERE r.record_type = 'sighting' RETURN p
  UNION
  MATCH (p:Person)-[:HAS_CARE_STATUS]->(:CareStatus {care_status_key: r.record_id})
  WHERE r.record_type = 'care_status' RETURN p
  UNION
  MATCH (:Notice {notice_id: r.record_id})-[:SERVED_ON|PROTECTS]->(p:Person) WHERE r.record_type = 'notice' RETURN p
  UNION
  MATCH (:PermissionStatement {statement_id: r.record_id})-[:ABOUT_CHILD|ABOUT_ADULT|MADE_BY]->(p:Person)
  WHERE r.record_type = 'permission_statement' RETURN p
  UNION
  MATCH (:CseConcern {concern_id: r.record_id})-[:CONCERNS]->(p:Person) WHERE r.record_type = 'cse_concern' RETURN p
  UNION
  MATCH (:Contact {contact_id: r.record_id})-[:FROM|TO]->()<-[:OBJECT]-(:Link)-[:SUBJECT]->(p:Person)
  WHERE r.record_type = 'contact' RETURN p
  UNION
  MATCH (:Phone {number: r.record_id})<-[:OBJECT]-(:Link)-[:SUBJECT]->(p:Person) WHERE r.record_type = 'phone' RETURN p
  UNION
  MATCH (:OnlineAccount {account_key: r.record_id})<-[:OBJECT]-(:Link)-[:SUBJECT]->(p:Person)
  WHERE r.record_type = 'online_account' RETURN p
  UNION
  MATCH (p:Person {person_id: r.record_id}) WHERE r.record_type = 'person' RETURN p
  UNION
  UNWIND CASE WHEN r.record_type = 'family' THEN split(r.record_id, '|')[0..2] ELSE [] END AS person_id
  MATCH (p:Person {person_id: person_id}) RETURN p
}
WITH r, p ORDER BY p.person_id
RETURN r.record_type AS record_type, r.record_id AS record_id,
       collect(p {.person_id, .forename, .surname,
                  name: trim(coalesce(p.forename, '') + ' ' + coalesce(p.surname, ''))}) AS people
