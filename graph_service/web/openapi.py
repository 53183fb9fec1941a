"""The OpenAPI 3.1 document of ``/api/v1/`` (served at ``/api/v1/openapi.json``).

Written out here rather than generated, so that reviewing the API is reading this file and its
parts, one per group of paths: `networks_openapi`, `casework_openapi` and `workspace_openapi`.
tests/test_web_api_schema.py runs schemathesis against it: every answer must match it.
"""

from __future__ import annotations

from graph_service import __version__
from graph_service.analysis.alerts.rules import KINDS as ALERT_KINDS
from graph_service.analysis.candidates import REASONS as CANDIDATE_REASONS
from graph_service.analysis.disruption import ACTION_STATUSES
from graph_service.analysis.hotspots import CLASSES, KINDS, TRENDS
from graph_service.vocabulary import (
    HOTSPOT_CONCERN_REASONS,
    MISSING_FROM,
    NOTICE_STATUSES,
)


def _nullable(schema: dict) -> dict:
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


def _object(required: dict, optional: dict | None = None) -> dict:
    return {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}


def _page(items: dict, extra: dict | None = None, optional: dict | None = None) -> dict:
    """A page of a server-paged list (graph_service/web/paging.py)."""
    return _object({**(extra or {}), "items": _array(items), "total": INTEGER, "page": INTEGER, "pages": INTEGER,
                    "per_page": INTEGER, "next": {"type": ["string", "null"]}}, optional)


STRING = {"type": "string"}
TEXT = _nullable(STRING)
INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
BOOLEAN = {"type": "boolean"}
GRADE = {"type": "string", "pattern": "^[123][A-E]$", "description": "3x5x2 grade: source evaluation, assessment"}
HANDLING = _nullable({"type": "string", "enum": ["P", "C"]})

PROFILE_PARAMETERS = [{"name": name, "in": "query", "schema": {"type": "string", "format": "date"}, "description": words}
                      for name, words in (("from", "First day of the period (default: 90 days before `to`)"),
                                          ("to", "Last day of the period (default: 89 days after `from`)"),
                                          ("since", "Date of the last MACSE meeting"))]
_WITHHELD = {"type": "object", "additionalProperties": STRING,
             "description": "figure (`victims.total`) -> why it is null (partner version; empty for the police)"}
_PROFILE_WINDOW = {"victims": {"type": "object"}, "offenders": {"type": "object"}, "locations": {"type": "object"},
                   "themes": {"type": "object"}, "withheld": _WITHHELD}

SCHEMAS = {
    "Profile": _object({
        "area": _object({"area_id": STRING, "name": STRING, "level": STRING}), "from": STRING, "to": STRING,
        "since": TEXT, "partner": BOOLEAN, **_PROFILE_WINDOW,
        "previous": _object(_PROFILE_WINDOW), "since_meeting": _nullable(_object(_PROFILE_WINDOW)),
        "indicators": _object({"by_month": _array(_object({"month": STRING, "withheld": _WITHHELD})),
                               "now": {"type": "object"}}),
    }),
    "Error": _object({"error": STRING, "status": INTEGER, "message": STRING}),
    "PersonRef": _object({"person_id": STRING, "name": TEXT}),
    "Entity": _object(
        {"kind": {"type": "string", "enum": ["person", "vehicle", "location"]}, "id": STRING},
        {"label": TEXT, "person_id": STRING, "category": STRING, "lat": NUMBER, "lon": NUMBER},
    ),
    "Place": _object({"kind": {"const": "location"}, "id": STRING},
                     {"label": TEXT, "category": TEXT, "lat": _nullable(NUMBER), "lon": _nullable(NUMBER)}),
    "Intel": _object({"intel_id": STRING, "reported_on": TEXT, "summary": TEXT, "grade": GRADE,
                      "handling_code": HANDLING, "handling_conditions": TEXT}),
    "Link": _object({
        "link_id": STRING, "relation": STRING, "relation_text": STRING, "observed_at": TEXT,
        "other": _ref("Entity"), "intel": _nullable(_ref("Intel")), "grade": GRADE, "graded": BOOLEAN,
        "handling_code": HANDLING, "handling_conditions": TEXT,
    }, {"reason": TEXT}),
    "Sighting": _object({"sighting_id": STRING, "observed_at": TEXT, "source": TEXT,
                         "with_people": _array(_ref("PersonRef")), "grade": GRADE},
                        {"location": _nullable(_ref("Place")), "vrm": TEXT, "reason": TEXT}),
    "MissingEpisode": _object({"episode_id": STRING, "reported_at": TEXT, "found_at": TEXT,
                               "found_with": _array(_ref("PersonRef")), "grade": GRADE},
                              {"person_was_missing": BOOLEAN, "return_interview_on": TEXT,
                               "child": _ref("PersonRef"), "found_location": _nullable(_ref("Place")),
                               "reason": TEXT}),
    "TimelineItem": _object({"date": TEXT, "kind": {"type": "string", "enum": ["intel", "link", "missing_episode", "sighting"]},
                             "id": STRING, "text": STRING, "grade": GRADE, "handling_code": HANDLING,
                             "handling_conditions": TEXT}),
    "LinkedLocation": _object({"location_id": STRING, "name": TEXT, "category": TEXT, "lat": NUMBER, "lon": NUMBER,
                               "how": _array(STRING), "best_grade": GRADE, "count": INTEGER,
                               "handling_conditions": _array(STRING)}, {"reason": TEXT}),
    "PersonSearchResult": _object({"person_id": STRING, "name": STRING, "aliases": _array(STRING),
                                   "aliases_matched": _array(STRING), "dob": TEXT, "age": _nullable(INTEGER)}),
    "Person": _object({
        "person_id": STRING, "name": STRING, "forename": TEXT, "surname": TEXT, "dob": TEXT,
        "age": _nullable(INTEGER), "child": BOOLEAN, "gender": TEXT, "aliases": _array(STRING),
        "care_statuses": _array(_object({"status": STRING, "start_on": TEXT, "end_on": TEXT})),
        "relatives": _array(_object({"relation": STRING, "person_id": STRING, "name": STRING})),
        "relative_of": _array(_object({"relation": STRING, "person_id": STRING, "name": STRING})),
        "notices": _array(_object({"notice_id": STRING, "basis": TEXT, "issued_on": TEXT, "status": TEXT,
                                   "role": STRING, "others": _array(_ref("PersonRef"))})),
        # Each list a page of its own, in order of concern (docs/dashboard.md): links_page,
        # locations_page, timeline_page, missing_episodes_page, sightings_page.
        "links": _page(_ref("Link")),
        "missing_episodes": _page(_ref("MissingEpisode")),
        "sightings": _page(_ref("Sighting")),
        "timeline": _page(_ref("TimelineItem")),
        "locations": _page(_ref("LinkedLocation")),
        "handling_conditions": _array(STRING),
        "casework": _ref("Casework"),
    }),
    "Concern": _object({"concern_id": STRING, "level": STRING, "assessed_on": STRING, "assessed_by": TEXT,
                        "risk_factors": _array(STRING), "review_on": TEXT,
                        "review": {"type": "string", "description": "review due DATE, review overdue or no review date"}}),
    # A child's casework (docs/casework.md): concern levels over time, their own missing episodes
    # in detail, repeat missing.
    "Casework": _object({
        "current_concern": _nullable(_ref("Concern")), "concerns": _array(_ref("Concern")),
        "missing_episodes": _array(_object({
            "episode_id": STRING, "reported_at": TEXT, "found_at": TEXT,
            "missing_from": _nullable({"type": "string", "enum": list(MISSING_FROM)}),
            "duration_hours": _nullable(NUMBER), "return_interview_on": TEXT,
            "return_interview": {"type": ["string", "null"],
                                 "description": "in time, late, due by DATE or overdue since DATE (72 hours after "
                                                "the child's return); null while the child is missing"}})),
        "repeat_missing": {"type": "boolean", "description": "three or more episodes within 90 days"}}),
    "Notice": _object({
        "notice_id": STRING, "status": {"type": "string", "enum": list(NOTICE_STATUSES)}, "basis": TEXT,
        "issued_on": STRING, "ended_on": TEXT, "served_by": TEXT, "status_reason": TEXT,
        "adult_id": STRING, "adult_name": STRING, "child_id": STRING, "child_name": STRING},
        {"reason": STRING, "breach_alerts": INTEGER, "last_breach": TEXT, "concern": INTEGER,
         "adult_dob": TEXT, "recorded_by": TEXT, "recorded_at": TEXT, "status_changed_by": TEXT,
         "status_changed_at": TEXT, "statements": _array({"type": "object"}), "breaches": _array({"type": "object"})}),
    "NetworkDrawing": _object({
        "nodes": _array(_object({"person_id": STRING, "name": TEXT, "age": _nullable(INTEGER), "child": BOOLEAN,
                                 "focus": BOOLEAN})),
        "edges": _array(_object({"source": STRING, "target": STRING, "kinds": _array(STRING),
                                 "kinds_text": _array(STRING), "grade": _nullable(GRADE)},
                                {"weight": _nullable(NUMBER), "evidence": _nullable(_array(STRING)),
                                 "intel_ids": _array(STRING), "handling_conditions": _array(STRING)})),
    }, {"person_id": TEXT, "limit": INTEGER, "truncated": BOOLEAN}),
    "Vehicle": _object({"vrm": STRING, "make": TEXT, "model": TEXT, "colour": TEXT, "links": _page(_ref("Link")),
                        "sightings": _page(_ref("Sighting")), "handling_conditions": _array(STRING)}),
    "Location": _object({"location_id": STRING, "name": TEXT, "category": TEXT, "lat": _nullable(NUMBER),
                         "lon": _nullable(NUMBER), "address": TEXT, "postcode": TEXT, "links": _page(_ref("Link")),
                         "sightings": _page(_ref("Sighting")),
                         "missing_episodes_found_here": _page(_ref("MissingEpisode")),
                         "handling_conditions": _array(STRING)}),
    "Search": _object({"query": STRING, "people": _page(_ref("PersonSearchResult")),
                       "vehicles": _page(_object({"vrm": STRING, "make": TEXT, "model": TEXT, "colour": TEXT})),
                       "locations": _page(_object({"location_id": STRING, "name": TEXT, "category": TEXT,
                                                   "address": TEXT, "postcode": TEXT})),
                       "communications": _page(_object({
                           "kind": STRING, "id": STRING, "label": STRING,
                           "users": _array(_object({"person_id": STRING, "name": STRING}))}))}),
    "CrossBorderArea": _object({"area_id": STRING, "name": STRING, "records": INTEGER, "sightings": INTEGER,
                                "found": INTEGER, "intelligence": INTEGER}, {"members": INTEGER}),
    "Summary": _object({"role_view": {"type": "string", "enum": ["analyst", "partner", "admin"]}},
                       {"counts": {"type": "object", "additionalProperties": INTEGER},
                        "recent_intel": _array(_ref("Intel")), "recent_missing": _array({"type": "object"}),
                        "actions": {"type": "object"}, "users": {"type": "object"}, "audit": {"type": "object"}}),
    "NetworkListItem": _object({"network_id": INTEGER, "rank": _nullable(INTEGER), "concern_score": NUMBER,
                                "reasons": _array(STRING), "members": INTEGER, "children_at_risk": INTEGER,
                                "key_players": _array(_ref("PersonRef")), "first_detected_at": TEXT,
                                "detected_at": TEXT}),
    # Members (key players first) and ties inside it (strongest first) are pages of their own:
    # members_page, members_per_page, ties_page, ties_per_page.
    "Network": _object({"network_id": INTEGER, "active": _nullable(BOOLEAN),
                        "members": _page(_object({"person_id": STRING, "name": TEXT},
                                                 {"role": TEXT, "key_player_rank": _nullable(INTEGER)})),
                        "ties": _page(_object({"source": STRING, "target": STRING, "source_name": TEXT,
                                               "target_name": TEXT, "kinds": _nullable(_array(STRING)),
                                               "grade": _nullable(GRADE)},
                                              {"weight": _nullable(NUMBER), "evidence": _nullable(_array(STRING))})),
                        "locations": _array({"type": "object"}), "drawing": _ref("NetworkDrawing")},
                       {"rank": _nullable(INTEGER), "reasons": _array(STRING)}),
    "Candidate": _object({"adult_id": STRING, "child_id": STRING, "adult_name": TEXT, "child_name": TEXT,
                          "legal_bases": _array(STRING), "score": NUMBER, "statement_held": BOOLEAN,
                          "evidence": _array({"type": "object"}), "reasons": _array(STRING),
                          "decision": _nullable({"type": "object"})}),
    "NotCandidate": _object({"adult_id": STRING, "child_id": STRING, "adult_name": TEXT, "child_name": TEXT,
                             "reason_code": {"type": "string", "enum": list(CANDIDATE_REASONS)}, "reason": STRING}),
    "NetworkSummary": _object({
        "network_id": INTEGER, "members": _nullable(INTEGER), "children": _nullable(INTEGER),
        "shareable_ties": _nullable(INTEGER), "reports": _nullable(INTEGER),
        # Listed only with 3 members or more; no child flag per member (docs/security.md).
        "member_list": _array(_object({"pseudonym": {"type": "string", "pattern": "^Member [0-9]+$"},
                                       "shareable_ties": _nullable(INTEGER)},
                                      {})),
        # place_count withheld below 3; exact false: members withheld, so the place is shown
        # at its 250 m cell's centre.
        "place_count": _nullable(INTEGER),
        "places": _array(_object({"name": TEXT, "category": TEXT, "lat": _nullable(NUMBER), "lon": _nullable(NUMBER),
                                  "exact": BOOLEAN, "members": _nullable(INTEGER)})),
    }),
    "HotspotCell": _object({"rank": INTEGER, "reasons": _array(STRING),
                            **{reason: _nullable(INTEGER) for reason in HOTSPOT_CONCERN_REASONS},
                            "concern_count": _nullable(INTEGER), "concern_z": NUMBER, "concern_p_fdr": NUMBER,
                            "concern_class": {"type": "string", "enum": list(CLASSES)}, "concern_label": STRING,
                            "cell_id": STRING, "area_id": TEXT, "lat": NUMBER, "lon": NUMBER, "count": _nullable(INTEGER),
                            "count_before": _nullable(INTEGER), "gi_z": NUMBER, "p_fdr": NUMBER,
                            "hotspot_class": {"type": "string", "enum": list(CLASSES)}, "hotspot_label": STRING,
                            "trend": _nullable({"type": "string", "enum": list(TRENDS)}),
                            "near": _nullable(_object({"name": TEXT, "category": TEXT, "metres": INTEGER}))}),
    "FeatureCollection": _object({"type": {"const": "FeatureCollection"}, "features": _array({"type": "object"}),
                                  "properties": {"type": "object"}}),
    "AuditEntry": _object({"seq": INTEGER, "time": STRING, "user": STRING, "action": STRING, "ids": _array(STRING),
                           "purpose": STRING, "detail": TEXT, "prev": STRING, "hash": STRING},
                          {"mac": TEXT}),
}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _ok(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "401": _error("Not logged in"),
    "403": _error("The user's role may not see this (partners never see named people)"),
    "503": _error("The graph database is not reachable, the audit log failed its check, or a large ingest "
                  "is being published (Retry-After)"),
}


def _get(summary: str, ok: dict, parameters: list | None = None, not_found: bool = False,
         bad_request: bool = False) -> dict:
    responses = {"200": ok, **ERRORS}
    if not_found:
        responses["404"] = _error("No such record")
    if bad_request:
        responses["400"] = _error("A parameter is missing or wrong; the message says which and why")
    return {"get": {"summary": summary, "parameters": parameters or [], "responses": responses}}


def _post(summary: str, body: dict, status: str, ok: dict, parameters: list | None = None,
          not_found: bool = False) -> dict:
    """A change: a JSON body, the CSRF token in the ``X-CSRFToken`` header (the form token of any
    page), 400 naming the field and the reason when a value is wrong."""
    responses = {status: ok, **ERRORS,
                 "400": _error("A field is missing or wrong (the message says which and why), or the "
                               "X-CSRFToken header is missing")}
    if not_found:
        responses["404"] = _error("No such record")
    return {"post": {"summary": summary, "parameters": parameters or [],
                     "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
                     "responses": responses}}


def _path(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema, "description": description}


QUERY_TEXT = {"name": "q", "in": "query", "required": True,
              "description": "2 to 100 characters; runs of spaces count as one, and text of spaces only finds nothing",
              "schema": {"type": "string", "minLength": 2, "maxLength": 100}}
def _page_parameters(prefix: str = "", what: str = "items", default: int = 50) -> list[dict]:
    return [
        {"name": f"{prefix}page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000},
         "description": f"Page number of the {what}, 1 = first (default 1)"},
        {"name": f"{prefix}per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200},
         "description": f"{what.capitalize()} per page (default {default})"},
    ]


PAGE_PARAMETERS = _page_parameters()
HOTSPOT_PARAMETERS = [
    {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "First day of the window (default: 90 days before `to`); partners' windows are at least 28 days"},
    {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "Last day of the window (default: today); the window may be at most 1098 days"},
    {"name": "kinds", "in": "query", "style": "form", "explode": True,
     "schema": {"type": "array", "items": {"type": "string", "enum": list(KINDS)}},
     "description": ("Kinds of event (partners: missing and intel only); default all the role may see; "
                     "a kind given twice counts once")},
    {"name": "cell", "in": "query", "schema": {"type": "integer", "enum": [100, 250, 500, 1000]},
     "description": "Cell size in metres (default 250); partners' cells are at least 250 m"},
    {"name": "area", "in": "query", "schema": {"type": "string"},
     "description": ("The area to compute within, its ID or name (`/api/v1/areas`); events outside it are left out. "
                     "Default: each council on its own; an area holding two councils is computed council by council. "
                     "Partners: councils and forces only")},
]
AREA_FILTER = {"name": "area", "in": "query", "schema": {"type": "string", "maxLength": 200},
               "description": ("Only the lines with someone whose evidence lies in this area (its ID or name, "
                               "`/api/v1/areas`); empty or absent: every area; no loaded area of that ID or name: 404")}
AREA_CHOSEN = _nullable(_object({"area_id": STRING, "name": STRING, "level": STRING}))
PERSON_ID = _path("person_id", {"type": "string", "minLength": 1}, "The person's ID")


def document() -> dict:
    from graph_service.web import (  # they build on this module's pieces
        casework_openapi,
        networks_openapi,
        workspace_openapi,
    )

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CSE intelligence mapping API",
            "version": __version__,
            "description": "Every page's data as JSON. Log in at /login first: the API uses the dashboard's "
                           "session cookie and roles. Every answer naming a person is written to the audit log.",
        },
        "servers": [{"url": "/"}],
        "security": [{"session": []}],
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "graph_service_session"}},
            "schemas": SCHEMAS,
        },
        "paths": {
            "/api/v1/openapi.json": _get("This document", _ok({"type": "object"})),
            "/api/v1/summary": _get("The home page's data for the user's role", _ok(_ref("Summary"))),
            "/api/v1/search": _get(
                "People, vehicles and places matching q, best matches first, each kind a page of its own (analysts)",
                _ok(_ref("Search")),
                [QUERY_TEXT, *_page_parameters("people_", "people", 25), *_page_parameters("vehicles_", "vehicles", 25),
                 *_page_parameters("locations_", "places", 25)], bad_request=True),
            "/api/v1/people": _get("A page of the people whose name, alias or ID matches q, best matches first "
                                   "(analysts)",
                                   _ok(_page(_ref("PersonSearchResult"), {"query": STRING})),
                                   [QUERY_TEXT, *_page_parameters("", "people", 25)], bad_request=True),
            "/api/v1/people/{person_id}": _get(
                "One person's record, with a page of each of their lists in order of concern: links, linked places, "
                "timeline, missing episodes, sightings; notices naming them and, for a child, casework (analysts)",
                _ok(_ref("Person")),
                [PERSON_ID, *(p for name in ("links", "locations", "timeline", "missing_episodes", "sightings")
                              for p in _page_parameters(f"{name}_", name.replace("_", " ")))],
                not_found=True, bad_request=True),
            "/api/v1/people/{person_id}/network": _get("The person's associate network (analysts)",
                                                       _ok(_ref("NetworkDrawing")), [PERSON_ID], not_found=True),
            "/api/v1/vehicles/{vrm}": _get(
                "One vehicle, with a page of its links and of its sightings in order of concern (analysts)",
                _ok(_ref("Vehicle")),
                [_path("vrm", {"type": "string", "minLength": 1}, "Registration"),
                 *_page_parameters("links_", "links"), *_page_parameters("sightings_", "sightings")],
                not_found=True, bad_request=True),
            "/api/v1/locations/{location_id}": _get(
                "One location, with a page of its links, sightings and missing episodes found there in order of "
                "concern (analysts)", _ok(_ref("Location")),
                [_path("location_id", {"type": "string", "minLength": 1}, "The location's ID"),
                 *_page_parameters("links_", "links"), *_page_parameters("sightings_", "sightings"),
                 *_page_parameters("missing_episodes_found_here_", "missing episodes found there")],
                not_found=True, bad_request=True),
            "/api/v1/areas": _get("The loaded areas, largest level first (analysts, partners)",
                                  _ok(_object({"items": _array({"type": "object"})}))),
            "/api/v1/profile": _get(
                "An area's problem profile for a period (analysts; partners get the partner version); withheld "
                "figures are null, the reason in `withheld` beside them",
                _ok(_ref("Profile")),
                [{"name": "area", "in": "query", "required": True, "schema": {"type": "string", "pattern": r"\S"},
                  "description": "The area's ID or name (`graph-service areas list`)"}, *PROFILE_PARAMETERS],
                not_found=True, bad_request=True),
            "/api/v1/areas/{area_id}/profile": _get(
                "The area's problem profile for a period (as `/api/v1/profile?area=`)",
                _ok(_ref("Profile")),
                [_path("area_id", {"type": "string", "minLength": 1}, "The area's ID (`graph-service areas list`)"),
                 *PROFILE_PARAMETERS],
                not_found=True, bad_request=True),
            "/api/v1/hotspots": _get("The hot spot layer as GeoJSON (analysts, partners)",
                                     _ok(_ref("FeatureCollection")), HOTSPOT_PARAMETERS, bad_request=True),
            "/api/v1/hotspots/cells": _get(
                "Cells of concern in order of concern, rank 1 first, paged (analysts, partners)",
                _ok(_object({"from": STRING, "to": STRING, "kinds": _array(STRING), "cell": INTEGER, "area": TEXT,
                             "summary": {"type": "object"}, "items": _array(_ref("HotspotCell")),
                             "total": INTEGER, "page": INTEGER, "pages": INTEGER, "per_page": INTEGER,
                             "next": _nullable(STRING), "suppressed_below": _nullable(INTEGER)})),
                [*HOTSPOT_PARAMETERS, *PAGE_PARAMETERS], bad_request=True),
            "/api/v1/candidates": _get(
                "A page of today's abduction-notice candidates, highest score first, with evidence, reasons and the "
                "newest decision; or (group=excluded) of the pairs that are not candidates, filtered by reason "
                "(disruption leads)",
                _ok(_page({"anyOf": [_ref("Candidate"), _ref("NotCandidate")]}, {
                    "as_of": STRING, "lookback_days": INTEGER,
                    "group": {"type": "string", "enum": ["candidates", "excluded"]}, "reason": TEXT, "area": AREA_CHOSEN,
                    "totals": _object({"candidates": INTEGER, "excluded": INTEGER}),
                    "reasons": {"type": "object", "additionalProperties": INTEGER}})),
                [{"name": "group", "in": "query", "schema": {"type": "string", "enum": ["candidates", "excluded"]},
                  "description": "candidates (default), or excluded: the pairs with evidence that are not"},
                 {"name": "reason", "in": "query", "schema": {"type": "string", "enum": list(CANDIDATE_REASONS)},
                  "description": "Only the pairs not listed for this reason (group=excluded)"},
                 AREA_FILTER, *PAGE_PARAMETERS], not_found=True, bad_request=True),
            "/api/v1/disruption/actions": _get(
                "A page of the stored disruption actions, in plan, tactic and target order (disruption leads)",
                _ok(_page(_object({"action_id": STRING, "tactic": STRING, "status": STRING, "target_kind": STRING,
                                   "target_id": STRING, "facts": _array(STRING)}))),
                [{"name": "status", "in": "query",
                  "schema": {"type": "string", "enum": list(ACTION_STATUSES)}}, *PAGE_PARAMETERS],
                bad_request=True),
            "/api/v1/alerts": _get(
                "The user's alerts, not yet acknowledged first, a page at a time (analysts, disruption leads)",
                _ok(_object({"items": _array(_object({
                    "alert_id": STRING, "kind": {"type": "string", "enum": list(ALERT_KINDS)},
                    "people": _array(STRING), "summary": STRING, "occurred_at": STRING, "grade": _nullable(GRADE),
                    "evidence": _array({"type": "object"}), "read": BOOLEAN,
                    "acknowledged_at": TEXT, "acknowledged_by": TEXT, "note": TEXT},
                    {"notice_id": {"type": ["string", "null"], "description": "a breach's notice"}})),
                    "total": INTEGER, "unread": INTEGER, "page": INTEGER, "pages": INTEGER, "per_page": INTEGER,
                    "next": _nullable(STRING)})),
                [{"name": "kind", "in": "query", "schema": {"type": "string", "enum": [*ALERT_KINDS, ""]},
                  "description": "One kind only; empty or absent: every kind (as the page's form sends it)"},
                 *PAGE_PARAMETERS], bad_request=True),
            "/api/v1/audit": _get(
                "A page of the audit log's entries, newest first, and the log's check (administrators)",
                _ok(_page(_ref("AuditEntry"), {"verification": {"type": "object"}, "filters": {"type": "object"}})),
                [*({"name": n, "in": "query", "schema": {"type": "string", "maxLength": 100}}
                   for n in ("user", "action", "id")), *PAGE_PARAMETERS], bad_request=True),
            **networks_openapi.paths(),
            **casework_openapi.paths(),
            **workspace_openapi.paths(),
        },
    }
