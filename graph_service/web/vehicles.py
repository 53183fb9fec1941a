"""``/vehicles/<vrm>``: who uses a vehicle, where it was seen, with whom. Analysts only;
every view is audited."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph_service.web import queries
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import empty_map_response, locations_map, map_response

blueprint = Blueprint("vehicles", __name__)


def vehicle_or_404(vrm: str) -> dict:
    data = queries.vehicle(get_db(), vrm)
    if data is None:
        abort(404)
    return data


@blueprint.get("/vehicles/<vrm>")
@roles_required("analyst")
def vehicle(vrm: str):
    data = vehicle_or_404(vrm)
    audit("vehicle.view", [data["vrm"], *queries.people_ids(data)])
    return render_template("vehicle.html", vehicle=data)


@blueprint.get("/vehicles/<vrm>/map")
@roles_required("analyst")
def vehicle_map(vrm: str):
    data = vehicle_or_404(vrm)
    audit("vehicle.map", [data["vrm"]])
    m = locations_map(data["locations"], title=f"Where {data['vrm']} was seen or linked")
    if m is None:
        return empty_map_response("No linked location has coordinates.")
    return map_response(m)
