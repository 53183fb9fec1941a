// Descriptions of the vehicles $vrms.
MATCH (v:Vehicle)
WHERE v.vrm IN $vrms
RETURN v.vrm AS vrm, v.make AS make, v.model AS model, v.colour AS colour
