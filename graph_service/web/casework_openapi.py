"""Casework's part of the OpenAPI document (see :mod:`graph_service.web.openapi`): CSE
concerns, abduction notices and permission statements."""

from __future__ import annotations

from graph_service.vocabulary import CSE_CONCERN_LEVELS, CSE_RISK_FACTORS, NOTICE_BASES
from graph_service.web.openapi import (
    INTEGER,
    PAGE_PARAMETERS,
    STRING,
    TEXT,
    _array,
    _get,
    _nullable,
    _object,
    _ok,
    _page,
    _path,
    _post,
    _ref,
)


def paths() -> dict:
    return {
    "/api/v1/concerns": _get(
        "Children by their current CSE concern level, highest first, a page at a time (analysts)",
        _ok(_object({"items": _array(_object({
            "person_id": STRING, "name": TEXT, "concern_id": STRING, "level": STRING,
            "assessed_on": STRING, "assessed_by": STRING, "risk_factors": _array(STRING),
            "review_on": TEXT, "review": STRING, "assessments_count": INTEGER})),
            "total": INTEGER, "page": INTEGER, "pages": INTEGER, "per_page": INTEGER,
            "next": _nullable(STRING)})),
        [{"name": "level", "in": "query", "schema": {"type": "string", "enum": [*CSE_CONCERN_LEVELS, ""]},
          "description": "One level only; empty or absent: every level"},
         {"name": "risk_factor", "in": "query", "schema": {"type": "string", "enum": [*CSE_RISK_FACTORS, ""]},
          "description": "One risk factor only; empty or absent: any"},
         *PAGE_PARAMETERS], bad_request=True),
    "/api/v1/notices": {
        **_get("Abduction warning notices in order of concern (breached, active, then withdrawn or "
               "expired), each with the reason for its place, a page at a time (disruption leads)",
               _ok(_page(_ref("Notice"))), PAGE_PARAMETERS, bad_request=True),
        **_post("Record a notice served for an approved candidate; the basis must hold on the day "
                "(disruption leads)",
                _object({"adult_id": STRING, "child_id": STRING,
                         "basis": {"type": "string", "enum": list(NOTICE_BASES)},
                         "issued_on": {"type": "string", "format": "date"}, "served_by": STRING}),
                "201", _ok(_object({"notice": {"type": "object"}, "new_alerts": _array(STRING)}), "Recorded")),
    },
    "/api/v1/notices/{notice_id}": _get(
        "One notice, its permission statements and the breach alerts raised on it (disruption leads)",
        _ok(_ref("Notice")), [_path("notice_id", {"type": "string", "minLength": 1}, "The notice's ID")],
        not_found=True),
    "/api/v1/notices/{notice_id}/end": _post(
        "Record a notice in force withdrawn or expired on a day, with the reason (disruption leads)",
        _object({"status": {"type": "string", "enum": ["withdrawn", "expired"]},
                 "ended_on": {"type": "string", "format": "date"}, "reason": STRING}),
        "200", _ok(_object({"notice": {"type": "object"}, "new_alerts": _array(STRING)})),
        [_path("notice_id", {"type": "string", "minLength": 1}, "The notice's ID")], not_found=True),
    "/api/v1/permission-statements": _post(
        "Record a statement that the adult has no permission to be with the child (disruption leads)",
        _object({"adult_id": STRING, "child_id": STRING, "made_by_id": STRING,
                 "made_on": {"type": "string", "format": "date"}}),
        "201", _ok(_object({"statement": {"type": "object"}}), "Recorded")),
    }
