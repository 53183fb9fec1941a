// One vehicle (by normalised registration).
MATCH (v:Vehicle {vrm: $vrm})
RETURN v.vrm AS vrm, v.make AS make, v.model AS model, v.colour AS colour
