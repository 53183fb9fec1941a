// A page of the saved investigations a user owns or has been given, the latest changed first.
MATCH (i:Investigation)
WHERE i.owner = $user OR $user IN i.shared_with
WITH i ORDER BY i.updated_at DESC, i.investigation_id
WITH collect(i) AS found
RETURN size(found) AS total,
       [i IN found[$skip..$skip + $limit] | {investigation_id: i.investigation_id, name: i.name, owner: i.owner,
        entity_count: size(i.entities), shared_with: i.shared_with, updated_at: toString(i.updated_at)}] AS items
