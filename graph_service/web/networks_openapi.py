"""The networks' part of the OpenAPI document (see :mod:`graph_service.web.openapi`): the list of
networks in order of concern (narrowed to an area), the partners' summaries, one network, and the
networks and children across areas."""

from __future__ import annotations

from graph_service.vocabulary import AREA_LEVELS
from graph_service.web.openapi import (
    AREA_CHOSEN,
    AREA_FILTER,
    BOOLEAN,
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
    _page_parameters,
    _path,
    _ref,
)


def paths() -> dict:
    return {
        "/api/v1/networks": _get(
            "Current networks in order of concern, a page at a time (analysts); has_run false before the "
            "first detection; with `area`, only the networks with a member whose evidence lies in it",
            _ok(_object({"has_run": BOOLEAN, "items": _array(_ref("NetworkListItem")), "total": INTEGER,
                         "page": INTEGER, "pages": INTEGER, "next": _nullable(STRING)},
                        {"per_page": INTEGER, "area": AREA_CHOSEN})),
            [{"name": "group", "in": "query", "schema": {"type": "string", "enum": ["concern", "other"]},
              "description": "concern (default): networks of concern, rank 1 first; other: the groups "
                             "with no concern found, by number"},
             AREA_FILTER, *PAGE_PARAMETERS], not_found=True, bad_request=True),
        "/api/v1/networks/summaries": _get(
            "Pseudonymised network summaries from handling code P intelligence only (partners, analysts)",
            _ok(_object({"has_run": BOOLEAN, "items": _array(_ref("NetworkSummary"))},
                        {"suppressed_below": INTEGER, "total": INTEGER, "page": INTEGER, "pages": INTEGER,
                         "per_page": INTEGER, "next": _nullable(STRING)})),
            PAGE_PARAMETERS, bad_request=True),
        "/api/v1/networks/{network_id}": _get(
            "One network: a page of its members and one of its ties, places, drawing (analysts)",
            _ok(_ref("Network")),
            [_path("network_id", {"type": "integer", "minimum": 0, "maximum": 2147483647}, "The network's number"),
             *_page_parameters("members_", "members"), *_page_parameters("ties_", "ties")],
            not_found=True, bad_request=True),
        "/api/v1/cross-border": _get(
            "Networks and children whose evidence lies in two or more areas of one level, each list a page "
            "in order of concern with the areas named and the reasons (analysts; partners are refused)",
            _ok(_object({"level": {"type": "string", "enum": list(AREA_LEVELS)},
                         "networks": _page(_object(
                             {"network_id": INTEGER, "rank": _nullable(INTEGER), "members": INTEGER,
                              "children_at_risk": INTEGER, "areas": _array(_ref("CrossBorderArea")),
                              "reasons": _array(STRING)}, {"concern_reasons": _array(STRING)})),
                         "children": _page(_object(
                             {"person_id": STRING, "name": STRING, "areas": _array(_ref("CrossBorderArea")),
                              "reasons": _array(STRING), "found_in": INTEGER, "last_evidence": TEXT},
                             {"dob": TEXT}))})),
            [{"name": "level", "in": "query", "schema": {"type": "string", "enum": list(AREA_LEVELS)},
              "description": "The level of area compared (default local_authority)"},
             *_page_parameters("networks_", "networks", 25), *_page_parameters("children_", "children", 25)],
            bad_request=True),
    }
