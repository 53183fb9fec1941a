"""Casework pages: ``/concerns`` (children by their current CSE concern level, filtered by level
and risk factor, a page at a time) and the casework panel of the person page (a child's
concern history and missing episodes with where from, how long and the return interview
against 72 hours). Analysts only; every view is audited. The rules are
:mod:`graph_service.analysis.concerns` and :mod:`graph_service.analysis.missing`.
"""

from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, abort, jsonify, render_template, request

from graph_service.analysis import concerns, missing
from graph_service.vocabulary import CSE_CONCERN_LEVELS, CSE_RISK_FACTORS, MISSING_FROM
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, requested_page

blueprint = Blueprint("casework", __name__)
api = Blueprint("casework_api", __name__, url_prefix="/api/v1")


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name) or None
    if value is not None and value not in allowed:
        abort(400, description=f"{name}: choose one of {', '.join(allowed)}.")
    return value


def _concerns_page() -> tuple[Page, str | None, str | None]:
    level = _choice("level", CSE_CONCERN_LEVELS)
    risk_factor = _choice("risk_factor", CSE_RISK_FACTORS)
    number, per_page = requested_page(concerns.PER_PAGE)
    rows, total = concerns.children_page(get_db(), level, risk_factor, number, per_page)
    today = date.today()
    for row in rows:
        row["review"] = concerns.review_state(row, today)
    audit("concerns.view", [row["person_id"] for row in rows],
          detail=f"level {level or 'any'}, risk factor {risk_factor or 'any'}")
    return Page(rows, total, number, per_page), level, risk_factor


@blueprint.get("/concerns")
@roles_required("analyst")
def concern_list():
    page, level, risk_factor = _concerns_page()
    return render_template("concerns.html", page=page, level=level, risk_factor=risk_factor,
                           levels=CSE_CONCERN_LEVELS, risk_factors=CSE_RISK_FACTORS)


@api.get("/concerns")
@roles_required("analyst")
def concern_list_json():
    return jsonify(_concerns_page()[0].as_json())


def person_panel(person: dict) -> dict:
    """What the person page's casework panel shows: concern history (current first) and the
    child's own missing episodes with their detail. Read by the person route, audited with it."""
    today = date.today()
    history = concerns.history(get_db(), person["person_id"])
    for concern in history:
        concern["review"] = concerns.review_state(concern, today)
    episodes = []
    for episode in person["missing_episodes"]:
        if not episode["person_was_missing"]:
            continue
        reported = _when(episode["reported_at"])
        found = _when(episode["found_at"])
        interview = date.fromisoformat(episode["return_interview_on"]) if episode["return_interview_on"] else None
        episodes.append({**episode, "from": episode.get("missing_from") or "not recorded",
                         "hours": missing.duration_hours(reported, found, episode.get("duration_hours")),
                         "interview": missing.return_interview(found, interview, today)})
    repeats = missing.repeat_missing(_when(e["reported_at"]) for e in episodes)
    return {"concerns": history, "current": concerns.current(history), "episodes": episodes,
            "repeat_missing": bool(repeats), "missing_from": MISSING_FROM}


def person_casework(person: dict) -> dict:
    """The casework the person API answers (``GET /api/v1/people/<id>``, field ``casework``): the
    child's concern levels (current and history, newest first, each with its review state), their
    own missing episodes with where from, hours and the return interview against 72 hours, and
    whether they have been repeat missing. Notices naming the person are the record's ``notices``."""
    panel = person_panel(person)
    episodes = [{"episode_id": e["episode_id"], "reported_at": e["reported_at"], "found_at": e["found_at"],
                 "missing_from": e.get("missing_from"), "duration_hours": e["hours"],
                 "return_interview_on": e["return_interview_on"], "return_interview": e["interview"]}
                for e in panel["episodes"]]
    return {"current_concern": panel["current"], "concerns": panel["concerns"], "missing_episodes": episodes,
            "repeat_missing": panel["repeat_missing"]}


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
