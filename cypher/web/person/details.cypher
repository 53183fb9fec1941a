// One person's record: identity, care status, family, and notices served on or protecting them.
// Ethnicity is left out: it is kept for aggregate problem profiles, not shown per person.
MATCH (p:Person {person_id: $person_id})
RETURN p.person_id AS person_id, p.forename AS forename, p.surname AS surname, toString(p.dob) AS dob,
       p.gender AS gender, coalesce(p.aliases, []) AS aliases,
       [(p)-[:HAS_CARE_STATUS]->(c:CareStatus) |
          {status: c.status, start_on: toString(c.start_on), end_on: toString(c.end_on)}] AS care_statuses,
       [(p)-[f:HAS_RELATIVE]->(r:Person) |
          {relation: f.relation, person_id: r.person_id,
           name: trim(coalesce(r.forename, '') + ' ' + coalesce(r.surname, ''))}] AS relatives,
       [(c:Person)-[f:HAS_RELATIVE]->(p) |
          {relation: f.relation, person_id: c.person_id,
           name: trim(coalesce(c.forename, '') + ' ' + coalesce(c.surname, ''))}] AS relative_of,
       [(n:Notice)-[:SERVED_ON]->(p) |
          {notice_id: n.notice_id, basis: n.basis, issued_on: toString(n.issued_on), status: n.status,
           others: [(n)-[:PROTECTS]->(c:Person) |
              {person_id: c.person_id, name: trim(coalesce(c.forename, '') + ' ' + coalesce(c.surname, ''))}],
           role: 'served on'}]
       + [(n:Notice)-[:PROTECTS]->(p) |
          {notice_id: n.notice_id, basis: n.basis, issued_on: toString(n.issued_on), status: n.status,
           others: [(n)-[:SERVED_ON]->(a:Person) |
              {person_id: a.person_id, name: trim(coalesce(a.forename, '') + ' ' + coalesce(a.surname, ''))}],
           role: 'protects'}] AS notices
