// The policy the store's review dates were set under (a digest, graph_service.analysis.retention.
// due_dates.fingerprint), and how many records are under review (from the count store).
CALL () {
  MATCH (n:Intel) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Link) RETURN count(n) AS records
  UNION ALL
  MATCH (n:MissingEpisode) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Sighting) RETURN count(n) AS records
  UNION ALL
  MATCH (n:CareStatus) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Notice) RETURN count(n) AS records
  UNION ALL
  MATCH (n:PermissionStatement) RETURN count(n) AS records
  UNION ALL
  MATCH (n:CseConcern) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Contact) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Phone) RETURN count(n) AS records
  UNION ALL
  MATCH (n:OnlineAccount) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Person) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Vehicle) RETURN count(n) AS records
  UNION ALL
  MATCH (n:Location) RETURN count(n) AS records
}
WITH sum(records) AS records
OPTIONAL MATCH (v:StoreVersion)
RETURN v.review_policy AS policy, records
