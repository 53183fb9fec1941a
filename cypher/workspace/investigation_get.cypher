// One saved investigation, for its owner or a user it is shared with (no row for anyone else).
MATCH (i:Investigation {investigation_id: $investigation_id})
WHERE i.owner = $user OR $user IN i.shared_with
RETURN i.investigation_id AS investigation_id, i.name AS name, i.notes AS notes, i.owner AS owner,
       i.entities AS entities, i.filters AS filters, i.shared_with AS shared_with,
       toString(i.created_at) AS created_at, toString(i.updated_at) AS updated_at
