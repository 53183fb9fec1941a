"""``/people/<person_id>``: one person's record, timeline, associate network and map.
Analysts only (a partner asking for a named person gets 403); every view is audited."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph_service.web import casework, queries
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import empty_map_response, locations_map, map_response

blueprint = Blueprint("people", __name__)


def person_or_404(person_id: str) -> dict:
    data = queries.person(get_db(), person_id)
    if data is None:
        abort(404)
    return data


def network_or_404(person_id: str) -> dict:
    data = queries.person_network(get_db(), person_id)
    if data is None:
        abort(404)
    return data


@blueprint.get("/people/<person_id>")
@roles_required("analyst")
def person(person_id: str):
    data = person_or_404(person_id)
    network = network_or_404(person_id)
    audit("person.view", [person_id, *queries.people_ids(data), *queries.people_ids(network["nodes"])])
    return render_template("person.html", person=data, network=network, casework=casework.person_panel(data))


@blueprint.get("/people/<person_id>/map")
@roles_required("analyst")
def person_map(person_id: str):
    data = person_or_404(person_id)
    audit("person.map", [person_id])
    m = locations_map(data["locations"], title=f"Locations linked to {data['name'] or person_id}")
    if m is None:
        return empty_map_response("No linked location has coordinates.")
    return map_response(m)
