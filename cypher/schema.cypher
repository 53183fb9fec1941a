// Constraints and indexes of the intelligence graph.
// Applied by `graph-service db init`, and by the first write of any command when some of it is
// missing (graph_service/db/schema.py); every statement is idempotent (IF NOT EXISTS).

// Natural keys: one node per ID, so re-ingesting a record updates it instead of duplicating it.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.person_id IS UNIQUE;
CREATE CONSTRAINT vehicle_vrm IF NOT EXISTS FOR (n:Vehicle) REQUIRE n.vrm IS UNIQUE;
CREATE CONSTRAINT phone_number IF NOT EXISTS FOR (n:Phone) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT online_account_key IF NOT EXISTS FOR (n:OnlineAccount) REQUIRE n.account_key IS UNIQUE;
CREATE CONSTRAINT contact_id IF NOT EXISTS FOR (n:Contact) REQUIRE n.contact_id IS UNIQUE;
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.location_id IS UNIQUE;
CREATE CONSTRAINT intel_id IF NOT EXISTS FOR (n:Intel) REQUIRE n.intel_id IS UNIQUE;
CREATE CONSTRAINT missing_episode_id IF NOT EXISTS FOR (n:MissingEpisode) REQUIRE n.episode_id IS UNIQUE;
CREATE CONSTRAINT sighting_id IF NOT EXISTS FOR (n:Sighting) REQUIRE n.sighting_id IS UNIQUE;
CREATE CONSTRAINT notice_id IF NOT EXISTS FOR (n:Notice) REQUIRE n.notice_id IS UNIQUE;
CREATE CONSTRAINT permission_statement_id IF NOT EXISTS FOR (n:PermissionStatement) REQUIRE n.statement_id IS UNIQUE;
CREATE CONSTRAINT link_id IF NOT EXISTS FOR (n:Link) REQUIRE n.link_id IS UNIQUE;
CREATE CONSTRAINT care_status_key IF NOT EXISTS FOR (n:CareStatus) REQUIRE n.care_status_key IS UNIQUE;
CREATE CONSTRAINT cse_concern_id IF NOT EXISTS FOR (n:CseConcern) REQUIRE n.concern_id IS UNIQUE;
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:Alert) REQUIRE n.alert_id IS UNIQUE;
CREATE CONSTRAINT watch_id IF NOT EXISTS FOR (n:Watch) REQUIRE n.watch_id IS UNIQUE;
CREATE INDEX alert_recipient IF NOT EXISTS FOR (n:Alert) ON (n.recipient);

// Map and time-window queries.
CREATE POINT INDEX location_point IF NOT EXISTS FOR (n:Location) ON (n.point);
CREATE INDEX location_category IF NOT EXISTS FOR (n:Location) ON (n.category);
CREATE INDEX intel_reported_on IF NOT EXISTS FOR (n:Intel) ON (n.reported_on);
CREATE INDEX missing_episode_reported_at IF NOT EXISTS FOR (n:MissingEpisode) ON (n.reported_at);
CREATE INDEX sighting_observed_at IF NOT EXISTS FOR (n:Sighting) ON (n.observed_at);
CREATE INDEX contact_contacted_on IF NOT EXISTS FOR (n:Contact) ON (n.contacted_on);
// The home page's count of children and its intelligence due for review: read from an index,
// not from every person and report (a region's store holds millions; docs/scaling.md).
CREATE INDEX person_dob IF NOT EXISTS FOR (n:Person) ON (n.dob);
CREATE INDEX intel_review_on IF NOT EXISTS FOR (n:Intel) ON (n.review_on);
// The hot spot statements' events of a window: found by when they happened, not by reading
// every event ever stored (cypher/hotspots/; docs/scaling.md).
CREATE INDEX missing_episode_found_at IF NOT EXISTS FOR (n:MissingEpisode) ON (n.found_at);
CREATE INDEX link_observed_at IF NOT EXISTS FOR (n:Link) ON (n.observed_at);
CREATE INDEX link_relation IF NOT EXISTS FOR (n:Link) ON (n.relation);

// Search (cypher/web/search/): full-text (Lucene) indexes over the words people are found by,
// so that a search reads an index instead of every node. The default analyser (standard, no
// stop words) splits on anything but letters and digits and lower-cases.
CREATE FULLTEXT INDEX person_search IF NOT EXISTS FOR (n:Person) ON EACH [n.forename, n.surname, n.aliases, n.person_id];
CREATE FULLTEXT INDEX vehicle_search IF NOT EXISTS FOR (n:Vehicle) ON EACH [n.vrm, n.make, n.model, n.colour];
CREATE FULLTEXT INDEX location_search IF NOT EXISTS FOR (n:Location) ON EACH [n.name, n.address, n.postcode, n.location_id];
CREATE FULLTEXT INDEX account_search IF NOT EXISTS FOR (n:OnlineAccount) ON EACH [n.platform, n.handle];

// Disruption work: candidate review decisions, plans and their actions (docs/candidates.md, docs/disruption.md).
CREATE CONSTRAINT candidate_review_id IF NOT EXISTS FOR (n:CandidateReview) REQUIRE n.review_id IS UNIQUE;
CREATE CONSTRAINT disruption_plan_id IF NOT EXISTS FOR (n:DisruptionPlan) REQUIRE n.plan_id IS UNIQUE;
CREATE CONSTRAINT disruption_action_id IF NOT EXISTS FOR (n:DisruptionAction) REQUIRE n.action_id IS UNIQUE;

// Networks found by `graph-service networks detect` (docs/networks.md).
CREATE CONSTRAINT network_id IF NOT EXISTS FOR (n:Network) REQUIRE n.network_id IS UNIQUE;
CREATE CONSTRAINT network_run_id IF NOT EXISTS FOR (n:NetworkRun) REQUIRE n.run_id IS UNIQUE;

// Areas loaded from boundary files (docs/areas.md); places are joined to them by `IN_AREA`.
CREATE CONSTRAINT area_id IF NOT EXISTS FOR (n:Area) REQUIRE n.area_id IS UNIQUE;

// The review queue: each record's stored review date (cypher/retention/set_review_due), so that the
// oldest due are read first and counted from an index, not computed from every record (docs/retention.md).
CREATE INDEX intel_review_due IF NOT EXISTS FOR (n:Intel) ON (n.review_due);
CREATE INDEX link_review_due IF NOT EXISTS FOR (n:Link) ON (n.review_due);
CREATE INDEX missing_episode_review_due IF NOT EXISTS FOR (n:MissingEpisode) ON (n.review_due);
CREATE INDEX sighting_review_due IF NOT EXISTS FOR (n:Sighting) ON (n.review_due);
CREATE INDEX care_status_review_due IF NOT EXISTS FOR (n:CareStatus) ON (n.review_due);
CREATE INDEX notice_review_due IF NOT EXISTS FOR (n:Notice) ON (n.review_due);
CREATE INDEX permission_statement_review_due IF NOT EXISTS FOR (n:PermissionStatement) ON (n.review_due);
CREATE INDEX cse_concern_review_due IF NOT EXISTS FOR (n:CseConcern) ON (n.review_due);
CREATE INDEX contact_review_due IF NOT EXISTS FOR (n:Contact) ON (n.review_due);
CREATE INDEX phone_review_due IF NOT EXISTS FOR (n:Phone) ON (n.review_due);
CREATE INDEX online_account_review_due IF NOT EXISTS FOR (n:OnlineAccount) ON (n.review_due);
CREATE INDEX person_review_due IF NOT EXISTS FOR (n:Person) ON (n.review_due);
CREATE INDEX vehicle_review_due IF NOT EXISTS FOR (n:Vehicle) ON (n.review_due);
CREATE INDEX location_review_due IF NOT EXISTS FOR (n:Location) ON (n.review_due);
CREATE INDEX family_review_due IF NOT EXISTS FOR ()-[r:HAS_RELATIVE]-() ON (r.review_due);

// One ingest writes at a time: a WriteLock node with a unique name, created and deleted inside
// the writing transaction (cypher/db/take_lock.cypher). The constraint makes a second taker wait.
CREATE CONSTRAINT write_lock_name IF NOT EXISTS FOR (n:WriteLock) REQUIRE n.name IS UNIQUE;

// The store's version, which every read checks after its work (cypher/db/publish_state.cypher,
// docs/scaling.md "A publish in batches"): one node, made by the first publish in batches. The
// index makes its label and properties known to a store that never had one, so the check plans
// without warnings.
CREATE INDEX store_version IF NOT EXISTS FOR (v:StoreVersion) ON (v.generation, v.publishing);

// Last: wait until every index is online (a new index fills in the background, and a full-text
// index cannot be queried before it is), at most five minutes.
CALL db.awaitIndexes(300);
