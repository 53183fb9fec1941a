"""``/vehicles/<vrm>``: who uses a vehicle, where it was seen, with whom. Analysts only;
every view is audited with the people on the pages shown.

Its lists are paged on the server, each on its own (``links_page``, ``sightings_page``), in
order of concern: links naming a child first; a child seen with an adult first, then a child
seen; newest first within (``cypher/web/vehicle/``)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph_service.web import queries, timeline
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import empty_map_response, locations_map, map_response
from graph_service.web.paging import Page, offset, requested_page

blueprint = Blueprint("vehicles", __name__)

#: Rows of each list on the page (the API's pages hold 50).
PAGE_ROWS = 15
API_ROWS = 50
PAGE_PARAMETERS = tuple(f"{name}_{part}" for name in queries.VEHICLE_LISTS for part in ("page", "per_page"))


def paged_record(read, names: tuple[str, ...], rows: int, keep: tuple[str, ...]) -> tuple[dict, dict]:
    """A vehicle's or a place's record with one page of each of its lists ``names``, as the
    request asks (``<name>_page``, ``<name>_per_page``): ``read(windows)`` reads it (None: 404).
    Answers the record and its :class:`Page` objects."""
    asked = {name: requested_page(rows, f"{name}_") for name in names}
    data = read({name: (offset(*asked[name]), asked[name][1]) for name in names})
    if data is None:
        abort(404)
    pages = {name: Page(data[name]["items"], data[name]["total"], *asked[name], prefix=f"{name}_", keep=keep)
             for name in names}
    return data, pages


def vehicle_pages(vrm: str, rows: int) -> tuple[dict, dict]:
    return paged_record(lambda windows: queries.vehicle(get_db(), vrm, windows), queries.VEHICLE_LISTS, rows,
                        PAGE_PARAMETERS)


def as_json(data: dict, pages: dict) -> dict:
    """A vehicle's or a place's API answer: its facts and the pages of its lists."""
    return {**data, **{name: page.as_json() for name, page in pages.items()}}


@blueprint.get("/vehicles/<vrm>")
@roles_required("analyst")
def vehicle(vrm: str):
    data, pages = vehicle_pages(vrm, PAGE_ROWS)
    drawn = timeline.read(get_db(), f"Timeline of vehicle {data['vrm']}", vehicles=[data["vrm"]])
    audit("vehicle.view", [data["vrm"], *queries.people_ids([page.items for page in pages.values()]), *drawn.people])
    return render_template("vehicle.html", vehicle=data, pages=pages, timeline=drawn)


@blueprint.get("/vehicles/<vrm>/map")
@roles_required("analyst")
def vehicle_map(vrm: str):
    places = queries.vehicle_places(get_db(), vrm)
    if places is None:
        abort(404)
    normalised = "".join(vrm.split()).upper()
    audit("vehicle.map", [normalised])
    m = locations_map(places, title=f"Where {normalised} was seen or linked")
    if m is None:
        return empty_map_response("No linked location has coordinates.")
    return map_response(m)
