"""``/people/<person_id>``: one person's record, timeline, associate network and map.
Analysts only (a partner asking for a named person gets 403); every view is audited, with the
people on the pages shown.

A person's lists are paged on the server, each on its own (``links_page``, ``ties_page``,
``locations_page``, ``timeline_page``, and in the API also ``missing_episodes_page`` and
``sightings_page``), in order of concern: intelligence naming a child first, ties with a child
first (strongest first within), places of concern first (most records first within); the
timeline newest first. A person's record is read whole in one statement (it is small beside a
busy place's) and paged here; the casework panel reads the same record."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from graph_service.vocabulary import PLACES_OF_CONCERN
from graph_service.web import casework, queries, timeline
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import empty_map_response, locations_map, map_response
from graph_service.web.paging import Page, page_of, requested_page

blueprint = Blueprint("people", __name__)

#: Rows of each list on the person's page (with the details, the casework panel, the drawing
#: and the map, ten of each keep the busiest person's page within a few screens). The API's
#: pages hold 50.
PAGE_ROWS = 10
API_ROWS = 50
#: The lists the page shows, and the two more the API answers.
PAGE_LISTS = ("links", "ties", "locations", "timeline")
API_LISTS = ("links", "locations", "timeline", "missing_episodes", "sightings")
PAGE_PARAMETERS = tuple(f"{name}_{part}" for name in (*PAGE_LISTS, *API_LISTS[3:]) for part in ("page", "per_page"))
TIE_REASON = "ties a child"
PLACE_REASON = "a place of concern"


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


def in_order_of_concern(person: dict, network: dict) -> dict[str, list[dict]]:
    """Each of a person's lists, in order of concern, with the reason beside the rows it lifts."""
    children = {node["person_id"] for node in network["nodes"] if node["child"]}
    ties = [{**edge, "reason": TIE_REASON if {edge["source"], edge["target"]} & children else None}
            for edge in network["edges"]]
    places = [{**place, "reason": PLACE_REASON if place["category"] in PLACES_OF_CONCERN else None}
              for place in person["locations"]]
    return {
        # sorted() keeps the statement's order (newest first) within each group
        "links": sorted(person["links"], key=lambda link: link["reason"] is None),
        "ties": sorted(ties, key=lambda tie: (tie["reason"] is None, -(tie["weight"] or 0))),
        "locations": sorted(places, key=lambda place: (place["reason"] is None, -place["count"])),
        "timeline": person["timeline"],
        "missing_episodes": person["missing_episodes"],
        "sightings": person["sightings"],
    }


def requested_lists(person: dict, network: dict, names: tuple[str, ...], rows: int) -> dict[str, Page]:
    """The page of each of the person's lists ``names`` that the request asks for."""
    lists = in_order_of_concern(person, network)
    return {name: page_of(lists[name], *requested_page(rows, f"{name}_"), f"{name}_", PAGE_PARAMETERS)
            for name in names}


def people_shown(person: dict, network: dict, pages: dict[str, Page]) -> list[str]:
    """Everyone the page (or answer) names: the person, their details, the drawing, the rows."""
    details = {k: v for k, v in person.items() if k in ("relatives", "relative_of", "notices")}
    return [person["person_id"], *queries.people_ids(details), *queries.people_ids(network["nodes"]),
            *queries.people_ids([page.items for page in pages.values()])]


@blueprint.get("/people/<person_id>")
@roles_required("analyst")
def person(person_id: str):
    data = person_or_404(person_id)
    network = network_or_404(person_id)
    pages = requested_lists(data, network, PAGE_LISTS, PAGE_ROWS)
    panel = casework.person_panel(data)
    drawn = timeline.of_person(data)
    audit("person.view", list(dict.fromkeys([*people_shown(data, network, pages),
                                             *queries.people_ids(panel.get("episodes", [])), *drawn.people])))
    return render_template("person.html", person=data, network=network, pages=pages, casework=panel,
                           timeline=drawn)


@blueprint.get("/people/<person_id>/map")
@roles_required("analyst")
def person_map(person_id: str):
    data = person_or_404(person_id)
    audit("person.map", [person_id])
    m = locations_map(data["locations"], title=f"Locations linked to {data['name'] or person_id}")
    if m is None:
        return empty_map_response("No linked location has coordinates.")
    return map_response(m)
