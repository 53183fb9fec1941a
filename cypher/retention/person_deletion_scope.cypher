// What deleting a person removes (docs/retention.md), read inside the deleting transaction:
// the records about them and those only they are in. No row when the person is not stored.
// Kept, with the person taken out: other children's missing episodes they were found with,
// sightings that also saw someone else or a vehicle, reports that also concern others (their
// summaries are free text: listed for the reviewer to read).
// Phones and online accounts only they use go with their `uses_phone` / `uses_account` links,
// and with them every contact to or from one of those (a contact whose end is gone names no
// one else's means: it is their communication). A phone or account someone else also uses is
// kept, as are contacts between two kept ends. A report goes when everything it reports
// (links and contacts) goes.
MATCH (p:Person {person_id: $person_id})
WITH p, COLLECT { MATCH (l:Link)-[:SUBJECT|OBJECT]->(p) RETURN DISTINCT l.link_id } AS link_ids,
     COLLECT { MATCH (p)<-[:SUBJECT]-(:Link)-[:OBJECT]->(m)
               WHERE (m:Phone OR m:OnlineAccount)
                 AND NOT EXISTS { (m)<-[:OBJECT]-(:Link)-[:SUBJECT]->(o:Person) WHERE o <> p }
               RETURN DISTINCT m } AS means
WITH p, link_ids, means,
     COLLECT { MATCH (c:Contact)-[:FROM|TO]->(m) WHERE m IN means RETURN DISTINCT c } AS contacts
WITH p, link_ids, means, [c IN contacts | c.contact_id] AS contact_ids,
     [l IN link_ids | 'link|' + l] AS link_keys,
     COLLECT { MATCH (i:Intel)-[:REPORTS]->(:Link)-[:SUBJECT|OBJECT]->(p) RETURN DISTINCT i } +
     COLLECT { MATCH (i:Intel)-[:REPORTS]->(c:Contact) WHERE c IN contacts RETURN DISTINCT i } AS found
WITH p, link_ids, means, contact_ids, link_keys + [c IN contact_ids | 'contact|' + c] AS gone,
     reduce(acc = [], i IN found | CASE WHEN i IN acc THEN acc ELSE acc + i END) AS reports
RETURN p.person_id AS person_id, link_ids, contact_ids,
       [m IN means WHERE m:Phone | m.number] AS phone_numbers,
       [m IN means WHERE m:OnlineAccount | m.account_key] AS account_keys,
       [i IN reports WHERE all(x IN COLLECT { MATCH (i)-[:REPORTS]->(x) RETURN CASE WHEN x:Link THEN 'link|' + x.link_id
                                                                              ELSE 'contact|' + x.contact_id END }
                               WHERE x IN gone)
        | i.intel_id] AS intel_ids,
       [i IN reports WHERE any(x IN COLLECT { MATCH (i)-[:REPORTS]->(x) RETURN CASE WHEN x:Link THEN 'link|' + x.link_id
                                                                              ELSE 'contact|' + x.contact_id END }
                               WHERE NOT x IN gone)
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
