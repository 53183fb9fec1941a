"""``/api/v1/``: every page's data as JSON, described by ``/api/v1/openapi.json``.

The same login (session cookie) and the same roles as the pages: no session answers 401,
a role without access 403. Every response naming a person is audited, like its page.
"""

from __future__ import annotations

import json

from flask import Blueprint, abort, jsonify, request
from flask_login import login_required

from graph_service import disclosure
from graph_service.analysis import disruption as plans
from graph_service.web import (
    admin,
    candidates,
    casework,
    disruption,
    home,
    hotspots,
    locations,
    networks,
    paging,
    people,
    queries,
    search,
    vehicles,
)
from graph_service.web.area_choice import requested_area
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.openapi import document

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


@blueprint.get("/openapi.json")
@login_required
def openapi():
    return jsonify(document())


@blueprint.get("/summary")
@login_required
def summary():
    return jsonify(home.summary_for_current_user())


@blueprint.get("/search")
@roles_required("analyst")
def search_all():
    text = search.search_text()
    if text is None:
        abort(400, description="q: give 2 to 100 characters to search for.")
    pages = search.run_search(text)
    return jsonify({"query": text, **{kind: page.as_json() for kind, page in pages.items()}})


@blueprint.get("/people")
@roles_required("analyst")
def people_search():
    text = search.search_text()
    if text is None:
        abort(400, description="q: give 2 to 100 characters to search for.")
    page = search.run_search(text, ("people",), prefixed=False)["people"]
    return jsonify({"query": text, **page.as_json()})


@blueprint.get("/people/<person_id>")
@roles_required("analyst")
def person(person_id: str):
    data = people.person_or_404(person_id)
    network = people.network_or_404(person_id)
    pages = people.requested_lists(data, network, people.API_LISTS, people.API_ROWS)
    audit("person.view", [person_id, *queries.people_ids({k: v for k, v in data.items() if k not in pages}),
                          *queries.people_ids([page.items for page in pages.values()])])
    return jsonify({**{k: v for k, v in data.items() if k not in pages},
                    **{name: page.as_json() for name, page in pages.items()},
                    "casework": casework.person_casework(data)})


@blueprint.get("/people/<person_id>/network")
@roles_required("analyst")
def person_network(person_id: str):
    data = people.network_or_404(person_id)
    audit("person.network", [person_id, *queries.people_ids(data["nodes"])])
    return jsonify(data)


@blueprint.get("/vehicles/<vrm>")
@roles_required("analyst")
def vehicle(vrm: str):
    data, pages = vehicles.vehicle_pages(vrm, vehicles.API_ROWS)
    audit("vehicle.view", [data["vrm"], *queries.people_ids([page.items for page in pages.values()])])
    return jsonify(vehicles.as_json(data, pages))


@blueprint.get("/locations/<location_id>")
@roles_required("analyst")
def location(location_id: str):
    data, pages = locations.location_pages(location_id, locations.API_ROWS)
    audit("location.view", [location_id, *queries.people_ids([page.items for page in pages.values()])])
    return jsonify(vehicles.as_json(data, pages))


@blueprint.get("/networks")
@roles_required("analyst")
def networks_list():
    if not networks.detection_has_run():
        return jsonify({"has_run": False, "items": [], "total": 0, "page": 1, "pages": 1, "next": None})
    group = request.args.get("group", "concern")
    if group not in networks.GROUPS:
        abort(400, description=f"group: choose one of {', '.join(networks.GROUPS)}.")
    number, per_page = paging.requested_page(paging.MAX_PER_PAGE // 4)
    area = requested_area()
    page = networks.listed(group, number, per_page, area)
    audit("networks.view", [p["person_id"] for row in page.items for p in row["key_players"]],
          detail=f"area {area.area_id}" if area else None)
    return jsonify({"has_run": True, "area": area.as_json() if area else None, **page.as_json()})


@blueprint.get("/networks/summaries")
@roles_required("analyst", "partner")
def network_summaries():
    """The pseudonymised, code-P-only summaries partners see (analysts may check them)."""
    number, per_page = paging.requested_page(paging.MAX_PER_PAGE // 4)
    audit("networks.summaries", [])
    if not networks.detection_has_run():
        return jsonify({"has_run": False, "items": []})
    return jsonify({"has_run": True, **networks.partner_page(number, per_page).as_json(),
                    "suppressed_below": disclosure.SUPPRESS_BELOW})


@blueprint.get("/networks/<int(max=2147483647):network_id>")
@roles_required("analyst")
def network(network_id: int):
    data = networks.cached(("network", network_id), lambda: networks.network(network_id))
    if data is None:
        abort(404)
    members, ties = networks.requested_parts(data, (paging.MAX_PER_PAGE // 4, paging.MAX_PER_PAGE // 4))
    audit("network.view", networks.people_shown(data, members, ties), detail=f"network {network_id}")
    return jsonify(networks.as_json(data, members, ties))


@blueprint.get("/hotspots")
@roles_required("analyst", "partner")
def hotspot_layer():
    choice = hotspots.choice_from_request()
    audit("hotspots.export", [], detail=json.dumps(choice.query()))
    layer = hotspots.compute(choice)
    return hotspots.geojson_response(layer, "application/json")


@blueprint.get("/hotspots/cells")
@roles_required("analyst", "partner")
def hotspot_cells():
    choice = hotspots.choice_from_request()
    audit("hotspots.view", [], detail=json.dumps(choice.query()))
    layer = hotspots.compute(choice)
    return jsonify({**choice.query(), "summary": layer.summary(), **hotspots.cell_page(layer).as_json(),
                    "suppressed_below": disclosure.SUPPRESS_BELOW if choice.partner else None})


@blueprint.get("/candidates")
@roles_required("disruption_lead")
def candidate_list():
    """A page of today's candidates, highest score first, or (``group=excluded``) of the pairs
    that are not, filtered by ``reason``; only the lines answered are audited."""
    per_page = paging.MAX_PER_PAGE // 4
    group, reason, number, size = candidates.requested_lines("group", {"candidates": per_page, "excluded": per_page})
    area = requested_area()
    data = candidates.lines_page(candidates.in_area(candidates.candidate_list(), area), group, reason, number, size)
    page = data.pop("page")
    audit("candidates.view", [pid for line in page.items for pid in (line["adult_id"], line["child_id"])],
          detail=f"{group} page {number}" + (f", {reason}" if reason else "") + candidates.area_detail(area))
    return jsonify({**data, "group": group, "reason": reason, "area": area.as_json() if area else None,
                    **page.as_json()})


@blueprint.get("/disruption/actions")
@roles_required("disruption_lead")
def disruption_actions():
    number, per_page = paging.requested_page(paging.MAX_PER_PAGE // 4)
    page = paging.page_of(queries.plain(plans.stored_actions(get_db(), status=disruption._status_filter())),
                          number, per_page)
    audit("disruption.view", plans.people_named(page.items), detail=f"page {number}")
    return jsonify(page.as_json())


@blueprint.get("/audit")
@roles_required("admin")
def audit_entries():
    data = admin.audit_entries()
    audit("audit.view", [], detail=str({k: v for k, v in data["filters"].items() if v}) or None)
    page = data.pop("page")
    return jsonify({**data, **page.as_json()})

