// Indexes the database holds now, with the constraint each one backs (if any).
SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint
WHERE type <> 'LOOKUP'
RETURN name, type, labelsOrTypes AS labels, properties, owningConstraint AS constraint
ORDER BY name
