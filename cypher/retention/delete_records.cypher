// Delete evidence records by ID, with their relationships (docs/retention.md), inside the
// deleting transaction. Every list may be empty. Returns how many of each went.
CALL () {
  MATCH (l:Link) WHERE l.link_id IN $link_ids
  DETACH DELETE l
  RETURN count(*) AS links
}
CALL () {
  MATCH (i:Intel) WHERE i.intel_id IN $intel_ids
  DETACH DELETE i
  RETURN count(*) AS intel
}
CALL () {
  MATCH (e:MissingEpisode) WHERE e.episode_id IN $episode_ids
  DETACH DELETE e
  RETURN count(*) AS missing_episodes
}
CALL () {
  MATCH (s:Sighting) WHERE s.sighting_id IN $sighting_ids
  DETACH DELETE s
  RETURN count(*) AS sightings
}
CALL () {
  MATCH (c:CareStatus) WHERE c.care_status_key IN $care_status_keys
  DETACH DELETE c
  RETURN count(*) AS care_statuses
}
CALL () {
  MATCH (c:CseConcern) WHERE c.concern_id IN $concern_ids
  DETACH DELETE c
  RETURN count(*) AS cse_concerns
}
CALL () {
  MATCH (n:Notice) WHERE n.notice_id IN $notice_ids
  DETACH DELETE n
  RETURN count(*) AS notices
}
CALL () {
  MATCH (s:PermissionStatement) WHERE s.statement_id IN $statement_ids
  DETACH DELETE s
  RETURN count(*) AS permission_statements
}
CALL () {
  MATCH (c:Contact) WHERE c.contact_id IN $contact_ids
  DETACH DELETE c
  RETURN count(*) AS contacts
}
CALL () {
  MATCH (m:Phone) WHERE m.number IN $phone_numbers
  DETACH DELETE m
  RETURN count(*) AS phones
}
CALL () {
  MATCH (m:OnlineAccount) WHERE m.account_key IN $account_keys
  DETACH DELETE m
  RETURN count(*) AS online_accounts
}
RETURN contacts, phones, online_accounts, links, intel, missing_episodes, sightings, care_statuses, cse_concerns, notices, permission_statements
