// What deleting a person removes (docs/retention.md), read inside the deleting transaction:
// the records about them and those only they are in. No row when the person is not stored.
// Kept, with the person taken out: other children's missing episodes they were found with,
// sightings that also saw someone else or a vehicle, reports that also concern others (their
// summaries are free text: listed for the reviewer to read).
MATCH (p:Person {person_id: $person_id})
WITH p, COLLECT { MATCH (l:Link)-[:SUBJECT|OBJECT]->(p) RETURN DISTINCT l.link_id } AS link_ids
WITH p, link_ids,
     COLLECT { MATCH (i:Intel)-[:REPORTS]->(:Link)-[:SUBJECT|OBJECT]->(p) RETURN DISTINCT i } AS reports
RETURN p.person_id AS person_id, link_ids,
       [i IN reports WHERE all(l IN COLLECT { MATCH (i)-[:REPORTS]->(x:Link) RETURN x.link_id } WHERE l IN link_ids)
        | i.intel_id] AS intel_ids,
       [i IN reports WHERE any(l IN COLLECT { MATCH (i)-[:REPORTS]->(x:Link) RETURN x.link_id } WHERE NOT l IN link_ids)
        | i.intel_id] AS kept_intel_ids,
       COLLECT { MATCH (e:MissingEpisode)-[:OF]->(p) RETURN e.episode_id } AS episode_ids,
       COLLECT { MATCH (e:MissingEpisode)-[:FOUND_WITH]->(p) WHERE NOT EXISTS { (e)-[:OF]->(p) }
                 RETURN e.episode_id } AS kept_episode_ids,
       COLLECT { MATCH (s:Sighting)-[:SAW]->(p)
                 WHERE NOT EXISTS { (s)-[:OF_VEHICLE]->() } AND COUNT { (s)-[:SAW]->() } = 1
                 RETURN s.sighting_id } AS sighting_ids,
       COLLECT { MATCH (s:Sighting)-[:SAW]->(p)
                 WHERE EXISTS { (s)-[:OF_VEHICLE]->() } OR COUNT { (s)-[:SAW]->() } > 1
                 RETURN s.sighting_id } AS kept_sighting_ids,
       COLLECT { MATCH (p)-[:HAS_CARE_STATUS]->(c:CareStatus) RETURN c.care_status_key } AS care_status_keys,
       COLLECT { MATCH (c:CseConcern)-[:CONCERNS]->(p) RETURN c.concern_id } AS concern_ids,
       COLLECT { MATCH (n:Notice)-[:SERVED_ON|PROTECTS]->(p) RETURN DISTINCT n.notice_id } AS notice_ids,
       COLLECT { MATCH (s:PermissionStatement)-[:ABOUT_CHILD|ABOUT_ADULT|MADE_BY]->(p)
                 RETURN DISTINCT s.statement_id } AS statement_ids,
       COLLECT { MATCH (p)-[r:HAS_RELATIVE]-(o:Person)
                 RETURN CASE WHEN startNode(r) = p THEN p.person_id + '|' + o.person_id
                             ELSE o.person_id + '|' + p.person_id END + '|' + r.relation } AS family_keys
