// Drop every constraint and index of cypher/schema.cypher. Tests use it to check that a write
// into a store without the schema puts it back (graph_service/db/schema.py); the service never
// runs it. Constraints first: their indexes go with them.
DROP CONSTRAINT person_id IF EXISTS;
DROP CONSTRAINT vehicle_vrm IF EXISTS;
DROP CONSTRAINT location_id IF EXISTS;
DROP CONSTRAINT intel_id IF EXISTS;
DROP CONSTRAINT missing_episode_id IF EXISTS;
DROP CONSTRAINT sighting_id IF EXISTS;
DROP CONSTRAINT notice_id IF EXISTS;
DROP CONSTRAINT permission_statement_id IF EXISTS;
DROP CONSTRAINT link_id IF EXISTS;
DROP CONSTRAINT care_status_key IF EXISTS;
DROP CONSTRAINT candidate_review_id IF EXISTS;
DROP CONSTRAINT disruption_plan_id IF EXISTS;
DROP CONSTRAINT disruption_action_id IF EXISTS;
DROP CONSTRAINT network_id IF EXISTS;
DROP CONSTRAINT network_run_id IF EXISTS;
DROP CONSTRAINT write_lock_name IF EXISTS;
DROP CONSTRAINT cse_concern_id IF EXISTS;
DROP CONSTRAINT alert_id IF EXISTS;
DROP CONSTRAINT watch_id IF EXISTS;
DROP CONSTRAINT area_id IF EXISTS;
DROP CONSTRAINT phone_number IF EXISTS;
DROP CONSTRAINT online_account_key IF EXISTS;
DROP CONSTRAINT contact_id IF EXISTS;
DROP INDEX location_point IF EXISTS;
DROP INDEX location_category IF EXISTS;
DROP INDEX intel_reported_on IF EXISTS;
DROP INDEX missing_episode_reported_at IF EXISTS;
DROP INDEX sighting_observed_at IF EXISTS;
DROP INDEX contact_contacted_on IF EXISTS;
DROP INDEX alert_recipient IF EXISTS;
DROP INDEX person_search IF EXISTS;
DROP INDEX vehicle_search IF EXISTS;
DROP INDEX location_search IF EXISTS;
DROP INDEX account_search IF EXISTS;
DROP INDEX store_version IF EXISTS;
