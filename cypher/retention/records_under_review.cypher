// The element IDs of the stored records of one type ($label, a key of
// graph_service.analysis.retention.due_dates.LABELS): what retention/set_review_due is run over
// when the policy changes. Family ties (relationships) are dated by their own statements.
CALL () {
  MATCH (n:Intel) WHERE $label = 'Intel' RETURN n
  UNION ALL
  MATCH (n:Link) WHERE $label = 'Link' RETURN n
  UNION ALL
  MATCH (n:MissingEpisode) WHERE $label = 'MissingEpisode' RETURN n
  UNION ALL
  MATCH (n:Sighting) WHERE $label = 'Sighting' RETURN n
  UNION ALL
  MATCH (n:CareStatus) WHERE $label = 'CareStatus' RETURN n
  UNION ALL
  MATCH (n:Notice) WHERE $label = 'Notice' RETURN n
  UNION ALL
  MATCH (n:PermissionStatement) WHERE $label = 'PermissionStatement' RETURN n
  UNION ALL
  MATCH (n:CseConcern) WHERE $label = 'CseConcern' RETURN n
  UNION ALL
  MATCH (n:Contact) WHERE $label = 'Contact' RETURN n
  UNION ALL
  // Records with no date of their own are due only when given a date or retained.
  MATCH (n:Phone) WHERE $label = 'Phone' AND (n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL) RETURN n
  UNION ALL
  MATCH (n:OnlineAccount) WHERE $label = 'OnlineAccount' AND (n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL)
  RETURN n
  UNION ALL
  MATCH (n:Person) WHERE $label = 'Person' AND (n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL) RETURN n
  UNION ALL
  MATCH (n:Vehicle) WHERE $label = 'Vehicle' AND (n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL) RETURN n
  UNION ALL
  MATCH (n:Location) WHERE $label = 'Location' AND (n.review_date IS NOT NULL OR n.next_review_date IS NOT NULL) RETURN n
}
RETURN collect(elementId(n)) AS element_ids
