"""``/locations/<location_id>``: a place, the people and vehicles linked to it, sightings
there and missing episodes that ended there. Analysts only; every view is audited."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph_service.web import queries
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import locations_map, map_response

blueprint = Blueprint("locations", __name__)


def location_or_404(location_id: str) -> dict:
    data = queries.location(get_db(), location_id)
    if data is None:
        abort(404)
    return data


@blueprint.get("/locations/<location_id>")
@roles_required("analyst")
def location(location_id: str):
    data = location_or_404(location_id)
    audit("location.view", [location_id, *queries.people_ids(data)])
    return render_template("location.html", location=data)


@blueprint.get("/locations/<location_id>/map")
@roles_required("analyst")
def location_map(location_id: str):
    data = location_or_404(location_id)
    audit("location.map", [location_id])
    return map_response(locations_map([data], title=data["name"] or location_id))
