// One page of the review queue (docs/retention.md): the records whose stored review date
// (review_due, kept by retention/set_review_due) is on or before $due_by, oldest first, ties by type
// and ID; $skip records skipped, $limit listed. Each type's index on review_due gives its oldest in
// order, so no more than $skip + $limit records of a type are read, however many are due
// (retention/due_count counts them from the same indexes).
// Returns record_type, record_id, review_date.
CALL () {
  MATCH (n:Intel) WHERE n.review_due <= $due_by
  RETURN 'intel' AS record_type, n.intel_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Link) WHERE n.review_due <= $due_by
  RETURN 'link' AS record_type, n.link_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:MissingEpisode) WHERE n.review_due <= $due_by
  RETURN 'missing_episode' AS record_type, n.episode_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Sighting) WHERE n.review_due <= $due_by
  RETURN 'sighting' AS record_type, n.sighting_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:CareStatus) WHERE n.review_due <= $due_by
  RETURN 'care_status' AS record_type, n.care_status_key AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Notice) WHERE n.review_due <= $due_by
  RETURN 'notice' AS record_type, n.notice_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:PermissionStatement) WHERE n.review_due <= $due_by
  RETURN 'permission_statement' AS record_type, n.statement_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:CseConcern) WHERE n.review_due <= $due_by
  RETURN 'cse_concern' AS record_type, n.concern_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Contact) WHERE n.review_due <= $due_by
  RETURN 'contact' AS record_type, n.contact_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Phone) WHERE n.review_due <= $due_by
  RETURN 'phone' AS record_type, n.number AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:OnlineAccount) WHERE n.review_due <= $due_by
  RETURN 'online_account' AS record_type, n.account_key AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Person) WHERE n.review_due <= $due_by
  RETURN 'person' AS record_type, n.person_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Vehicle) WHERE n.review_due <= $due_by
  RETURN 'vehicle' AS record_type, n.vrm AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (n:Location) WHERE n.review_due <= $due_by
  RETURN 'location' AS record_type, n.location_id AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
  UNION ALL
  MATCH (c:Person)-[n:HAS_RELATIVE]->(r:Person) WHERE n.review_due <= $due_by
  RETURN 'family' AS record_type, c.person_id + '|' + r.person_id + '|' + n.relation AS record_id, n.review_due AS due
  ORDER BY due, record_id LIMIT $skip + $limit
}
RETURN record_type, record_id, toString(due) AS review_date
ORDER BY due, record_type, record_id SKIP $skip LIMIT $limit
