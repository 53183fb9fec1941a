"""``/locations/<location_id>``: a place, the people and vehicles linked to it, sightings
there and missing episodes that ended there. Analysts only; every view is audited with the
people on the pages shown.

Its lists are paged on the server, each on its own (``links_page``, ``sightings_page``,
``missing_episodes_found_here_page``), in order of concern: links naming a child first; a child
seen with an adult first, then a child seen; a child found with someone first; newest first
within (``cypher/web/location/``)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph_service.web import queries, timeline
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import locations_map, map_response
from graph_service.web.vehicles import paged_record

blueprint = Blueprint("locations", __name__)

#: Rows of each list on the page (the API's pages hold 50).
PAGE_ROWS = 15
API_ROWS = 50
PAGE_PARAMETERS = tuple(f"{name}_{part}" for name in queries.LOCATION_LISTS for part in ("page", "per_page"))


def location_pages(location_id: str, rows: int) -> tuple[dict, dict]:
    return paged_record(lambda windows: queries.location(get_db(), location_id, windows), queries.LOCATION_LISTS,
                        rows, PAGE_PARAMETERS)


@blueprint.get("/locations/<location_id>")
@roles_required("analyst")
def location(location_id: str):
    data, pages = location_pages(location_id, PAGE_ROWS)
    drawn = timeline.read(get_db(), f"Timeline of {data['name'] or location_id}", locations=[location_id])
    audit("location.view", [location_id, *queries.people_ids([page.items for page in pages.values()]), *drawn.people])
    return render_template("location.html", location=data, pages=pages, timeline=drawn)


@blueprint.get("/locations/<location_id>/map")
@roles_required("analyst")
def location_map(location_id: str):
    place = queries.location_details(get_db(), location_id)
    if place is None:
        abort(404)
    audit("location.map", [location_id])
    return map_response(locations_map([place], title=place["name"] or location_id))
