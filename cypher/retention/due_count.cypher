// How many records are due for review on or before $due_by (retention/due_page's whole list):
// counted from each type's index on review_due, without reading a record.
CALL () {
  MATCH (n:Intel) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Link) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:MissingEpisode) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Sighting) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:CareStatus) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Notice) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:PermissionStatement) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:CseConcern) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Contact) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Phone) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:OnlineAccount) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Person) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Vehicle) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH (n:Location) WHERE n.review_due <= $due_by RETURN count(n) AS due
  UNION ALL
  MATCH ()-[n:HAS_RELATIVE]->() WHERE n.review_due <= $due_by RETURN count(n) AS due
}
RETURN sum(due) AS total
