// Each record's review date under the policy, stored on it as `review_due` (docs/retention.md), so
// that the review queue reads the oldest first, and counts them, from an index per record type
// instead of computing every record's date on read (retention/due_page). The one place the store
// applies the rule: the next review a retention decision set (next_review_date), else the
// review_date the intake gave, else the record's own date plus the months of the first policy
// line that fits it (graph_service.analysis.retention.policy.review_date applies it in Python;
// a test holds the two equal). Run for every record an ingest stages or changes, for the links
// and contacts of a report it changes, and for every record when the policy changes
// (graph_service.analysis.retention.due_dates).
// $element_ids: nodes under review, staged (labelled only Staged, named by staged_as) or stored;
// $labels: {label: record type}; $policy: policy.policy_parameter().
UNWIND $element_ids AS id
MATCH (n) WHERE elementId(n) = id
WITH n, coalesce(n.staged_as, [label IN labels(n) WHERE label IN keys($labels)][0]) AS label
// A link's or contact's grade, and a link's date when it has none, are its report's (staged or stored).
OPTIONAL MATCH (report)-[:REPORTS]->(n) WHERE label IN ['Link', 'Contact']
WITH n, $labels[label] AS record_type,
     CASE label
       WHEN 'Intel' THEN n.reported_on
       WHEN 'Link' THEN coalesce(date(n.observed_at), report.reported_on)
       WHEN 'MissingEpisode' THEN date(n.reported_at)
       WHEN 'Sighting' THEN date(n.observed_at)
       WHEN 'CareStatus' THEN n.start_on
       WHEN 'Notice' THEN n.issued_on
       WHEN 'PermissionStatement' THEN n.made_on
       WHEN 'CseConcern' THEN n.assessed_on
       WHEN 'Contact' THEN n.contacted_on
     END AS own_date,
     CASE label
       WHEN 'Intel' THEN {source_evaluation: n.source_evaluation, intelligence_assessment: n.intelligence_assessment}
       WHEN 'Sighting' THEN {source: n.source}
       ELSE {source_evaluation: report.source_evaluation, intelligence_assessment: report.intelligence_assessment}
     END AS facts
WITH n, own_date,
     [line IN $policy WHERE line.record_type = record_type
                        AND (line.field IS NULL OR facts[line.field] IN line.values)][0] AS line
SET n.review_due = coalesce(n.next_review_date, n.review_date, own_date + duration({months: line.months}))
RETURN count(n) AS dated
