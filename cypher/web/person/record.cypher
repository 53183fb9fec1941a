// Everything the person page shows about one person, in one statement (one round trip):
// identity, care status, family and notices; every link record naming them with the other
// end and the grades and handling code of the report behind it (none: ungraded); the missing
// episodes of them or in which a missing child was found with them; their sightings.
// A link naming a child (under 18 on $today) says so (names_child): the page lists those first.
// Ethnicity is left out: it is kept for aggregate problem profiles, not shown per person.
MATCH (p:Person {person_id: $person_id})
CALL (p) {
  OPTIONAL MATCH (p)<-[side:SUBJECT|OBJECT]-(l:Link)-[end:SUBJECT|OBJECT]->(other)
  WHERE type(end) <> type(side)
  OPTIONAL MATCH (i:Intel)-[:REPORTS]->(l)
  WITH l, side, other, i
  ORDER BY coalesce(toString(l.observed_at), toString(i.reported_on)) DESC, l.link_id
  RETURN collect(CASE WHEN l IS NULL THEN null ELSE {
           link_id: l.link_id, relation: l.relation, person_is_subject: type(side) = 'SUBJECT',
           names_child: other:Person AND other.dob > $today - duration({years: 18}),
           observed_at: toString(l.observed_at),
           other: {kind: CASE WHEN other:Person THEN 'person' WHEN other:Vehicle THEN 'vehicle'
                              WHEN other:Phone THEN 'phone' WHEN other:OnlineAccount THEN 'online_account'
                              ELSE 'location' END,
                   id: coalesce(other.person_id, other.vrm, other.location_id, other.number, other.account_key),
                   person_id: other.person_id,
                   label: CASE WHEN other:Person THEN trim(coalesce(other.forename, '') + ' ' + coalesce(other.surname, ''))
                               WHEN other:Vehicle THEN other.vrm WHEN other:Phone THEN 'phone ' + other.number
                               WHEN other:OnlineAccount THEN other.platform + ' @' + other.handle
                               ELSE other.name END,
                   category: other.category, lat: other.lat, lon: other.lon},
           intel_id: i.intel_id, reported_on: toString(i.reported_on), summary: i.summary,
           source_evaluation: i.source_evaluation, intelligence_assessment: i.intelligence_assessment,
           handling_code: i.handling_code, handling_conditions: i.handling_conditions} END) AS links
}
CALL (p) {
  OPTIONAL MATCH (p)<-[r:OF|FOUND_WITH]-(m:MissingEpisode)
  OPTIONAL MATCH (m)-[:OF]->(child:Person)
  OPTIONAL MATCH (m)-[:FOUND_AT]->(place:Location)
  WITH m, r, child, place
  ORDER BY toString(m.reported_at) DESC, m.episode_id
  RETURN collect(CASE WHEN m IS NULL THEN null ELSE {
           episode_id: m.episode_id, person_was_missing: type(r) = 'OF',
           reported_at: toString(m.reported_at), found_at: toString(m.found_at),
           return_interview_on: toString(m.return_interview_on),
           missing_from: m.missing_from, duration_hours: m.duration_hours,
           child: {person_id: child.person_id, name: trim(coalesce(child.forename, '') + ' ' + coalesce(child.surname, ''))},
           found_location: CASE WHEN place IS NULL THEN null ELSE
             {kind: 'location', id: place.location_id, label: place.name, category: place.category,
              lat: place.lat, lon: place.lon} END,
           found_with: [(m)-[:FOUND_WITH]->(o:Person) |
             {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}]} END)
         AS missing_episodes
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:SAW]-(s:Sighting)
  OPTIONAL MATCH (s)-[:AT]->(place:Location)
  OPTIONAL MATCH (s)-[:OF_VEHICLE]->(v:Vehicle)
  WITH s, place, v
  ORDER BY toString(s.observed_at) DESC, s.sighting_id
  RETURN collect(CASE WHEN s IS NULL THEN null ELSE {
           sighting_id: s.sighting_id, observed_at: toString(s.observed_at), source: s.source,
           location: CASE WHEN place IS NULL THEN null ELSE
             {kind: 'location', id: place.location_id, label: place.name, category: place.category,
              lat: place.lat, lon: place.lon} END,
           vrm: v.vrm,
           with_people: [(s)-[:SAW]->(o:Person) WHERE o <> p |
             {person_id: o.person_id, name: trim(coalesce(o.forename, '') + ' ' + coalesce(o.surname, ''))}]} END)
         AS sightings
}
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
           role: 'protects'}] AS notices,
       links, missing_episodes, sightings
