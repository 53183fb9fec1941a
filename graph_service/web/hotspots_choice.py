"""The controls of the hot spot pages, checked: a :class:`Choice` of window, kinds of event,
cell size and area (each council on its own when none is chosen), from a request's query.
A partner's choice is checked by :mod:`graph_service.disclosure`, and a partner chooses a
council or a force, never a ward (:data:`PARTNER_LEVELS`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import abort, request
from flask_login import current_user

from graph_service import disclosure
from graph_service.analysis import hotspots as hotspot_analysis
from graph_service.web.hotspots_layers import loaded_areas

KIND_LABELS = {
    "missing": "Where children were found after missing episodes",
    "sighting": "Sightings (ANPR, officer, partner, CCTV)",
    "intel": "Places named in intelligence (seen at, frequents)",
}
DEFAULT_DAYS = 90
MAX_DAYS = 3 * 366
CELL_SIZES = (100, 250, 500, 1000)
#: Dates a window may use (the window before it must be a date too).
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)


@dataclass(frozen=True)
class Choice:
    """The controls of the hotspot page, checked."""

    start: date
    end: date
    kinds: tuple[str, ...]
    cell: int
    partner: bool
    #: The chosen area's ID; None: each council on its own.
    area: str | None = None

    def query(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "kinds": list(self.kinds),
                "cell": self.cell, "area": self.area}


def _date(name: str, default: date) -> date:
    if name not in request.args:
        return default
    raw = request.args[name].strip()
    if not raw:
        abort(400, description=f"{name}: empty; give a date (YYYY-MM-DD) or leave {name} out.")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        abort(400, description=f"{name}: {raw[:20]!r} is not a date (YYYY-MM-DD).")
    if not EARLIEST <= day <= LATEST:
        abort(400, description=f"{name}: {day} is outside {EARLIEST} to {LATEST}.")
    return day


def choice_from_request() -> Choice:
    partner = not current_user.can("analyst")
    allowed = disclosure.KINDS if partner else hotspot_analysis.KINDS
    end = _date("to", date.today())
    start = _date("from", end - timedelta(days=DEFAULT_DAYS - 1))
    if end < start:
        abort(400, description=f"to: {end} is before from: {start}.")
    if (end - start).days + 1 > MAX_DAYS:
        abort(400, description=f"A window may be at most {MAX_DAYS} days.")
    kinds = tuple(request.args.getlist("kinds")) or allowed
    unknown = [k for k in kinds if k not in allowed]
    if unknown:
        abort(400, description=f"kinds: {', '.join(map(repr, unknown))[:40]} is not one of {', '.join(allowed)}.")
    try:
        cell = int(request.args.get("cell", "250"))
    except ValueError:
        abort(400, description="cell: give a whole number of metres.")
    if cell not in CELL_SIZES:
        abort(400, description=f"cell: choose one of {', '.join(map(str, CELL_SIZES))} metres.")
    if partner:
        try:
            disclosure.check_request(start, end, cell, kinds)
        except disclosure.Refused as refused:
            abort(400, description=str(refused))
    return Choice(start, end, tuple(k for k in hotspot_analysis.KINDS if k in kinds), cell, partner, _area(partner))


#: The levels of area a partner may choose: a ward's layer differs from its council's in the
#: cells on the ward's edge by the events just outside it, which could be one or two.
PARTNER_LEVELS = ("force", "local_authority")


def _area(partner: bool) -> str | None:
    """The ``area`` asked for, as its ID; None when none is (each council on its own)."""
    wanted = request.args.get("area", "").strip()
    if not wanted:
        return None
    try:
        found = hotspot_analysis.find_area(loaded_areas(), wanted)
    except hotspot_analysis.HotspotError as problem:
        abort(400, description=problem.reason)
    if partner and found.level not in PARTNER_LEVELS:
        abort(400, description=f"area: partners see hot spots by council or force; {found.area_id} is a "
                               f"{found.level.replace('_', ' ')}.")
    return found.area_id


def url_args(choice: Choice) -> dict:
    """The query that asks for ``choice`` again (for the map, export and print links)."""
    args = {"from": choice.start.isoformat(), "to": choice.end.isoformat(), "kinds": list(choice.kinds),
            "cell": choice.cell}
    return args if choice.area is None else {**args, "area": choice.area}


def selectable_areas(partner: bool) -> list:
    """The areas the page's selector offers (partners: councils and forces)."""
    return [a for a in loaded_areas() if not partner or a.level in PARTNER_LEVELS]
