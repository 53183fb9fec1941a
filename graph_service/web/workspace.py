"""The investigation workspace's paths: ``/paths`` (the page) and ``/api/v1/paths`` (the
same answer as JSON). Police analysts only: partners get nothing of the workspace (the
evidence graph holds handling code C intelligence and named people). Every answer naming
people is audited before it is built.

The link chart and the exports are in :mod:`graph_service.web.chart` and
:mod:`graph_service.web.exports`; the filters all three read from a request are here.
"""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, abort, jsonify, render_template, request

from graph_service.analysis.evidence_graph import RELATION_TEXT, RELATIONS, Filters, resolve
from graph_service.analysis.paths import DEFAULT_K, DEFAULT_MAX_HOPS, MAX_HOPS, MAX_K, k_shortest_paths, people_named
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db

blueprint = Blueprint("workspace", __name__)


class BadRequest(ValueError):
    """A parameter is wrong; the message says which and why."""


class NotFound(LookupError):
    """An entity asked for is not stored, or an ID names more than one kind (409)."""

    def __init__(self, message: str, status: int = 404):
        super().__init__(message)
        self.status = status


def _number(name: str, default: int, lowest: int, highest: int) -> int:
    text = request.args.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not lowest <= int(text) <= highest:
        raise BadRequest(f"{name}: give a whole number from {lowest} to {highest}")
    return int(text)


def _day(name: str) -> date | None:
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"{name}: write a date as YYYY-MM-DD") from None


def filters_from_request() -> Filters:
    """``kind`` (repeated: kinds of link), ``lowest_grade``, ``since`` and ``until``."""
    try:
        return Filters.of(request.args.getlist("kind"), request.args.get("lowest_grade") or None,
                          _day("since"), _day("until"))
    except ValueError as problem:
        raise BadRequest(str(problem)) from None


def filter_choices(filters: Filters | None) -> dict:
    """What a page's filter form shows: every kind of link and grade, and which are chosen."""
    from graph_service.analysis.evidence_graph import GRADES

    return {"relations": [(r, RELATION_TEXT[r]) for r in RELATIONS], "grades": GRADES,
            "chosen_kinds": set(request.args.getlist("kind")), "lowest_grade": request.args.get("lowest_grade", ""),
            "since": request.args.get("since", ""), "until": request.args.get("until", "")}


def _paths_answer() -> tuple[dict | None, dict]:
    """The paths asked for (``None`` when the form is not filled in yet) and the question."""
    question = {"from": request.args.get("from", "").strip()[:100], "to": request.args.get("to", "").strip()[:100]}
    k = _number("k", DEFAULT_K, 1, MAX_K)
    max_hops = _number("max_hops", DEFAULT_MAX_HOPS, 1, MAX_HOPS)
    filters = filters_from_request()
    question.update(k=k, max_hops=max_hops)
    if not question["from"] or not question["to"]:
        if request.path.startswith("/api/"):
            raise BadRequest("from and to: give a person ID, VRM or location ID each (kind:ID when it names more "
                             "than one)")
        return None, question
    db = get_db()
    try:
        ends = resolve(db, question["from"]), resolve(db, question["to"])
    except LookupError as problem:
        raise NotFound(str(problem), 409 if "names" in str(problem) else 404) from None
    except ValueError as problem:  # not an entity at all, e.g. "phone:1" or control characters
        raise BadRequest(f"from and to: {problem}") from None
    result = k_shortest_paths(db, *ends, k=k, filters=filters, max_hops=max_hops)
    audit("paths.view", people_named(result), detail=json.dumps({
        "from": str(ends[0]), "to": str(ends[1]), "k": k, "max_hops": max_hops, "kinds": request.args.getlist("kind"),
        "lowest_grade": request.args.get("lowest_grade") or None, "since": request.args.get("since") or None,
        "until": request.args.get("until") or None}))
    return result, question


@blueprint.get("/paths")
@roles_required("analyst")
def paths_page():
    problem = None
    try:
        result, question = _paths_answer()
    except (BadRequest, NotFound) as error:
        result, question, problem = None, {"from": request.args.get("from", ""), "to": request.args.get("to", ""),
                                           "k": DEFAULT_K, "max_hops": DEFAULT_MAX_HOPS}, str(error)
    return render_template("paths.html", result=result, question=question, problem=problem, max_k=MAX_K,
                           most_hops=MAX_HOPS, choices=filter_choices(None), relation_text=RELATION_TEXT), \
        (400 if problem else 200)


@blueprint.get("/api/v1/paths")
@roles_required("analyst")
def paths_api():
    try:
        result, _ = _paths_answer()
    except BadRequest as problem:
        abort(400, description=str(problem))
    except NotFound as problem:
        abort(problem.status, description=str(problem))
    return jsonify(result)
