// The owner shares an investigation with more users (names already checked against the user store).
MATCH (i:Investigation {investigation_id: $investigation_id, owner: $owner})
SET i.shared_with = [name IN i.shared_with WHERE NOT name IN $users] + $users, i.updated_at = datetime($now)
RETURN i.shared_with AS shared_with
