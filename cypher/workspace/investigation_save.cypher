// A saved investigation: a named link chart (its entities as kind:ID keys and its filters),
// with notes, kept for its owner and the users it is shared with.
CREATE (i:Investigation {investigation_id: $investigation_id, name: $investigation_name, notes: $notes, owner: $owner,
                         entities: $entities, filters: $filters, shared_with: [],
                         created_at: datetime($now), updated_at: datetime($now)})
RETURN i.investigation_id AS investigation_id
