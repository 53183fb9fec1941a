"""The investigation workspace's part of the OpenAPI document (see :mod:`graph_service.web.openapi`)."""

from __future__ import annotations

from graph_service.analysis.evidence_graph import GRADES, RELATIONS
from graph_service.analysis.link_chart import MAX_EXPAND_HOPS
from graph_service.analysis.paths import MAX_HOPS, MAX_K
from graph_service.web.openapi import BOOLEAN, GRADE, HANDLING, INTEGER, NUMBER, STRING, TEXT, _array, _get, _object, _ok, _path

ENTITY_KEY = {"type": "string", "pattern": "^(person|vehicle|location|phone|online_account):.*\\S",
              "description": "kind:ID, e.g. person:P0001, vehicle:AB12CDE, location:L0001"}
WORKSPACE_ENTITY = _object({"kind": {"type": "string", "enum": ["person", "vehicle", "location"]}, "id": STRING,
                            "key": STRING, "label": TEXT, "child": BOOLEAN},
                           {"age": {"type": ["integer", "null"]}, "category": TEXT,
                            "lat": {"type": ["number", "null"]}, "lon": {"type": ["number", "null"]}})
EVIDENCE = _object({"kind": {"type": "string", "enum": ["link", "sighting", "missing_episode"]}, "id": STRING,
                    "relation": STRING, "relation_text": STRING, "grade": GRADE, "graded": BOOLEAN,
                    "intel_id": TEXT, "handling_code": HANDLING, "handling_conditions": TEXT, "summary": TEXT,
                    "observed_on": TEXT}, {"reversed": BOOLEAN})
HOP = _object({"from": ENTITY_KEY, "to": ENTITY_KEY, "relation": STRING, "relations": _array(STRING),
               "grade": GRADE, "evidence": _array(EVIDENCE)})
FILTER_PARAMETERS = [
    {"name": "kind", "in": "query", "style": "form", "explode": True,
     "schema": {"type": "array", "items": {"type": "string", "enum": list(RELATIONS)}},
     "description": "Kinds of link to use (default all)"},
    {"name": "lowest_grade", "in": "query", "schema": {"type": "string", "enum": GRADES},
     "description": "Leave out evidence weaker than this grade; E never counts"},
    {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Evidence from"},
    {"name": "until", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Evidence up to"},
]


def paths() -> dict:
    found = {
        "/api/v1/paths": _get(
            "The k shortest paths between two people, vehicles or places over the evidence graph (analysts)",
            _ok(_object({"from": STRING, "to": STRING, "k": INTEGER, "max_hops": INTEGER, "complete": BOOLEAN,
                         "paths": _array(_object({"length": INTEGER, "strength": NUMBER, "hops": _array(HOP)})),
                         "entities": {"type": "object", "additionalProperties": WORKSPACE_ENTITY}})),
            [{"name": "from", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1},
              "description": "A person ID, VRM or location ID (kind:ID when it names more than one)"},
             {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1},
              "description": "The other end"},
             {"name": "k", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_K},
              "description": "How many paths (default 3)"},
             {"name": "max_hops", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_HOPS},
              "description": "Longest path looked for (default 4)"},
             *FILTER_PARAMETERS], not_found=True, bad_request=True),
        "/api/v1/chart": _get(
            "A link chart: entities and the ties among them with their evidence (analysts)",
            _ok(_object({"nodes": _array(WORKSPACE_ENTITY), "edges": _array({"type": "object"}), "truncated": BOOLEAN,
                         "left_out": INTEGER, "limit": INTEGER})),
            [{"name": "start", "in": "query", "style": "form", "explode": True,
              "schema": {"type": "array", "items": ENTITY_KEY, "maxItems": 400},
              "description": "Entities to start from (or network)"},
             {"name": "expand", "in": "query", "style": "form", "explode": True,
              "schema": {"type": "array", "items": ENTITY_KEY, "maxItems": 400},
              "description": "Entities whose neighbours (one hop, or hops) join the chart"},
             {"name": "hops", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_EXPAND_HOPS},
              "description": "How many hops each expanded entity reaches (default 1)"},
             {"name": "network", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647},
              "description": "Start from this network's members and the vehicles and places they share"},
             *FILTER_PARAMETERS], not_found=True, bad_request=True),
    }
    found["/api/v1/investigations/{investigation_id}"] = _get(
        "A saved investigation: its name, notes, entities and filters (its owner and those it is shared with)",
        _ok(_object({"investigation_id": STRING, "name": TEXT, "notes": TEXT, "owner": STRING,
                     "entities": _array(ENTITY_KEY), "filters": {"type": "object"}, "shared_with": _array(STRING),
                     "created_at": STRING, "updated_at": STRING})),
        [_path("investigation_id", {"type": "string", "minLength": 1}, "The investigation's ID (INV-...)")],
        not_found=True)
    found["/api/v1/paths"]["get"]["responses"]["409"] = {
        "description": "An ID names more than one kind of entity: write kind:ID",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    return found
