// How many records of each kind the review queue reads, and retention decisions, from Neo4j's
// count store (no record is read), and the ID of the last published ingest (ingest/end_staging): the
// dashboard keeps a worked-out queue while these are unchanged (graph_service/web/review_queue.py).
// An ingest (even one that only changes a review date), a deletion or a decision to retain
// changes one of them.
CALL () { MATCH (n:Intel) RETURN count(n) AS intel }
CALL () { MATCH (n:Link) RETURN count(n) AS links }
CALL () { MATCH (n:MissingEpisode) RETURN count(n) AS missing_episodes }
CALL () { MATCH (n:Sighting) RETURN count(n) AS sightings }
CALL () { MATCH (n:CareStatus) RETURN count(n) AS care_statuses }
CALL () { MATCH (n:Notice) RETURN count(n) AS notices }
CALL () { MATCH (n:PermissionStatement) RETURN count(n) AS permission_statements }
CALL () { MATCH (n:CseConcern) RETURN count(n) AS cse_concerns }
CALL () { MATCH (n:Person) RETURN count(n) AS people }
CALL () { MATCH (n:Vehicle) RETURN count(n) AS vehicles }
CALL () { MATCH (n:Location) RETURN count(n) AS locations }
CALL () { MATCH (n:RetentionDecision) RETURN count(n) AS retention_decisions }
CALL () { OPTIONAL MATCH (v:StoreVersion) RETURN v.last_ingest AS last_ingest }
RETURN intel, links, missing_episodes, sightings, care_statuses, notices, permission_statements, cse_concerns,
       people, vehicles, locations, retention_decisions, last_ingest
