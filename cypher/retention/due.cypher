// Records due for review on or before $due_by, oldest first (docs/retention.md): every one, a row
// each, for the dashboard to keep while the store is unchanged and page from (web/review_queue.py).
// A record's review date: the next review a retention decision set (next_review_date), else
// the review_date its intake gave, else its own date plus the months of the first policy line
// that fits it. $policy: the policy lines in order, from
// graph_service.analysis.retention.policy.policy_parameter() ({record_type, months, reason,
// field, values}); a line with a field fits when the record's fact of that name is in values.
// Returns a row a record: record_type, record_id, review_date, source, own_date, reason, months.
CALL () {
  MATCH (n:Intel)
  RETURN 'intel' AS record_type, n.intel_id AS record_id, n AS record, n.reported_on AS own_date,
         {source_evaluation: n.source_evaluation, intelligence_assessment: n.intelligence_assessment} AS facts
  UNION ALL
  MATCH (n:Link)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(n)
  RETURN 'link' AS record_type, n.link_id AS record_id, n AS record,
         coalesce(date(n.observed_at), i.reported_on) AS own_date,
         {source_evaluation: i.source_evaluation, intelligence_assessment: i.intelligence_assessment} AS facts
  UNION ALL
  MATCH (n:MissingEpisode)
  RETURN 'missing_episode' AS record_type, n.episode_id AS record_id, n AS record, date(n.reported_at) AS own_date,
         {} AS facts
  UNION ALL
  MATCH (n:Sighting)
  RETURN 'sighting' AS record_type, n.sighting_id AS record_id, n AS record, date(n.observed_at) AS own_date,
         {source: n.source} AS facts
  UNION ALL
  MATCH (n:CareStatus)
  RETURN 'care_status' AS record_type, n.care_status_key AS record_id, n AS record, n.start_on AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Notice)
  RETURN 'notice' AS record_type, n.notice_id AS record_id, n AS record, n.issued_on AS own_date, {} AS facts
  UNION ALL
  MATCH (n:PermissionStatement)
  RETURN 'permission_statement' AS record_type, n.statement_id AS record_id, n AS record, n.made_on AS own_date,
         {} AS facts
  UNION ALL
  MATCH (n:CseConcern)
  RETURN 'cse_concern' AS record_type, n.concern_id AS record_id, n AS record, n.assessed_on AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Contact)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(n)
  RETURN 'contact' AS record_type, n.contact_id AS record_id, n AS record, n.contacted_on AS own_date,
         {source_evaluation: i.source_evaluation, intelligence_assessment: i.intelligence_assessment} AS facts
  UNION ALL
  MATCH (n:Phone) WHERE n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL
  RETURN 'phone' AS record_type, n.number AS record_id, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (n:OnlineAccount) WHERE n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL
  RETURN 'online_account' AS record_type, n.account_key AS record_id, n AS record, null AS own_date, {} AS facts
  UNION ALL
  // People, vehicles, places and family ties have no date of their own: listed only when given
  // a review date or retained.
  MATCH (n:Person) WHERE n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL
  RETURN 'person' AS record_type, n.person_id AS record_id, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Vehicle) WHERE n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL
  RETURN 'vehicle' AS record_type, n.vrm AS record_id, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (n:Location) WHERE n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL
  RETURN 'location' AS record_type, n.location_id AS record_id, n AS record, null AS own_date, {} AS facts
  UNION ALL
  MATCH (c:Person)-[n:HAS_RELATIVE]->(r:Person) WHERE n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL
  RETURN 'family' AS record_type, c.person_id + '|' + r.person_id + '|' + n.relation AS record_id, n AS record,
         null AS own_date, {} AS facts
}
WITH record_type, record_id, record, own_date,
     [line IN $policy WHERE line.record_type = record_type
                        AND (line.field IS NULL OR facts[line.field] IN line.values)][0] AS line
WITH record_type, record_id, own_date, line,
     CASE WHEN record.next_review_date IS NOT NULL THEN 'retained'
          WHEN record.review_date IS NOT NULL THEN 'given'
          ELSE 'policy' END AS source,
     coalesce(record.next_review_date, record.review_date, own_date + duration({months: line.months})) AS due
WHERE due IS NOT NULL AND due <= $due_by
RETURN record_type, record_id, toString(due) AS review_date, source, toString(own_date) AS own_date,
       line.reason AS reason, line.months AS months
ORDER BY due, record_type, record_id
