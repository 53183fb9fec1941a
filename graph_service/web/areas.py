"""``/areas``: the loaded areas; ``/profile?area=&from=&to=&since=``: an area's problem profile
for a period (also at ``/areas/<area_id>/profile``), printable (``/profile/print``) and as PDF
(``/profile/pdf``); ``/api/v1/areas`` and ``/api/v1/profile`` (or
``/api/v1/areas/<area_id>/profile``) give the same as JSON.

Analysts see the police profile; MACSE partners the partner version, which
``graph_service.disclosure`` makes (the route decides nothing itself). Every view is audited.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, Response, abort, jsonify, render_template, request
from flask_login import current_user

from graph_service import disclosure
from graph_service.analysis.profile import AreaNotFound, ProfileError, check_window, default_area, find_area
from graph_service.web import profile_cache
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.profile_pack import pdf_name, render_pack, view_model

blueprint = Blueprint("areas", __name__)


@blueprint.record_once
def _profiles_per_app(state) -> None:
    profile_cache.init_app(state.app)


def _partner() -> bool:
    return not current_user.can("analyst")


def _areas() -> list[dict]:
    rows = get_db().read("areas/list")
    if _partner():  # how many places an area holds counts homes too: not a partner's figure
        rows = [{k: v for k, v in row.items() if k != "places"} for row in rows]
    return rows


def default_window(today: date) -> tuple[date, date]:
    """The three whole calendar months before this one.

    >>> default_window(date(2026, 12, 3))
    (datetime.date(2026, 9, 1), datetime.date(2026, 11, 30))
    """
    end = today.replace(day=1) - timedelta(days=1)
    year, month = (end.year, end.month - 2) if end.month > 2 else (end.year - 1, end.month + 10)
    return date(year, month, 1), end


def _day(name: str) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(400, description=f"{name}: {value[:20]!r} is not a date (YYYY-MM-DD)")


def _profile() -> dict:
    """The period asked for: ``from`` and ``to``, 90 days from the one given, or the three
    whole months before this one; ``since``: the last MACSE meeting."""
    start, end = _day("from"), _day("to")
    if start is None and end is None:
        start, end = default_window(date.today())
    elif end is None:
        end = start + timedelta(days=89)
    elif start is None:
        start = end - timedelta(days=89)
    return {"from": start, "to": end, "since": _day("since")}


def _area() -> str:
    """The area asked for (``area``: an ID or a name); the force's when none is given."""
    area = request.args.get("area", "").strip()
    if area:
        return area
    try:
        return default_area(get_db())
    except ProfileError as problem:
        abort(400, description=str(problem))


def _asked(area: str) -> profile_cache.Asked:
    """The profile asked for, checked at once (an unknown area, a wrong period: 404 or 400 with
    the reason), before it is looked up among the kept ones or worked out."""
    window = _profile()
    partner = _partner()
    try:
        found = find_area(get_db(), area)
        check_window(window["from"], window["to"], window["since"])
        if partner:
            disclosure.profile_window(window["from"], window["to"], window["since"])
    except AreaNotFound:
        abort(404, description="No loaded area has that ID or name.")
    except (ProfileError, disclosure.PeriodRefused) as problem:
        abort(400, description=str(problem))
    return profile_cache.Asked(found["area_id"], window["from"], window["to"], window["since"], partner)


def _build(area_id: str, action: str, wait: float | None = None) -> dict | None:
    """The profile asked for, audited; None when it is still being worked out after ``wait`` seconds."""
    asked = _asked(area_id)
    try:
        profile = profile_cache.profile(asked, wait)
    except AreaNotFound:
        abort(404, description="No loaded area has that ID or name.")
    except ProfileError as problem:
        abort(400, description=str(problem))
    if profile is None:
        return None
    audit(action, [], detail=f"area={profile['area']['area_id']} from={asked.start} to={asked.end} "
                             f"since={asked.since or ''} partner={profile['partner']}")
    return profile


@blueprint.get("/areas")
@roles_required("analyst", "partner")
def areas():
    return render_template("areas.html", areas=_areas(), window=default_window(date.today()))


def _page(area_id: str | None):
    """The profile page: the form (area, period, meeting date) and, once an area is chosen, its profile."""
    listed = _areas()
    if area_id is None and not request.args.get("area", "").strip() and len(
            [a for a in listed if a["level"] == "force"]) != 1:
        window = _profile()
        return render_template("area_profile.html", areas=listed, profile=None, choice=window, area=None)
    area = area_id or _area()
    found = _build(area, "profile.view", wait=profile_cache.PAGE_WAIT_SECONDS)
    if found is None:  # being worked out: say so, and reload until it is ready
        asked = _asked(area)
        return render_template("area_profile.html", areas=listed, profile=None, area=find_area(get_db(), area),
                               choice={"from": asked.start, "to": asked.end, "since": asked.since},
                               preparing=round(profile_cache.seconds_working(asked) or 0))
    return render_template("area_profile.html", **view_model(found), areas=listed, choice=found,
                           printable=False, heading_first=True)


@blueprint.get("/profile")
@roles_required("analyst", "partner")
def profile_page():
    return _page(None)


@blueprint.get("/areas/<area_id>/profile")
@roles_required("analyst", "partner")
def profile(area_id: str):
    return _page(area_id)


@blueprint.get("/profile/print")
@roles_required("analyst", "partner")
def profile_print():
    found = _build(_area(), "profile.print")
    return render_template("area_profile_print.html", **view_model(found), printable=True)


@blueprint.get("/areas/<area_id>/profile/print")
@roles_required("analyst", "partner")
def printable(area_id: str):
    found = _build(area_id, "profile.print")
    return render_template("area_profile_print.html", **view_model(found), printable=True)


@blueprint.get("/profile/pdf")
@roles_required("analyst", "partner")
def profile_pdf():
    """The MACSE pack as PDF, printed by headless Chromium on the server."""
    from graph_service.reports.pdf import PdfUnavailable, html_to_pdf

    found = _build(_area(), "profile.export")
    try:
        pdf = html_to_pdf(render_pack(found))
    except PdfUnavailable as problem:
        abort(503, description=str(problem))
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{pdf_name(found)}"'})


@blueprint.get("/api/v1/areas")
@roles_required("analyst", "partner")
def api_areas():
    return jsonify({"items": _areas()})


@blueprint.get("/api/v1/profile")
@roles_required("analyst", "partner")
def api_profile_query():
    area = request.args.get("area", "").strip()
    if not area:  # a program names what it asks for; only the page falls back to the force
        abort(400, description="area: give the area's ID or name (`/api/v1/areas` lists them)")
    return jsonify(_plain(_build(area, "profile.api")))


@blueprint.get("/api/v1/areas/<area_id>/profile")
@roles_required("analyst", "partner")
def api_profile(area_id: str):
    found = _build(area_id, "profile.api")
    return jsonify(_plain(found))


def _plain(value):
    """Dates as ISO text, for JSON."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value
