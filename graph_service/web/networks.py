"""``/networks``: the networks found by ``graph-service networks detect``
(:mod:`graph_service.analysis.networks` writes them back to the graph), a page per network.

Analysts see members by name with their key-player scores, ties with grades, places and a
map. Partners see pseudonymised summaries built only from intelligence with handling code P
(see ``cypher/web/networks/partner_summary.cypher``), shaped by :mod:`graph_service.disclosure`:
no names, no IDs, no code C content, no small counts.
Before the first detection run, both say so.
"""

from __future__ import annotations

import threading
import time

import geopandas as gpd
import pandas as pd
from flask import Blueprint, abort, current_app, render_template, request
from flask_login import current_user
from markupsafe import Markup

from graph_service import disclosure, grading
from graph_service.analysis import hotspots as hs
from graph_service.analysis.area_filter import AreaChoice
from graph_service.analysis.networks import count_networks, list_networks, network_detail
from graph_service.web import queries, shared_results
from graph_service.web.area_choice import area_options, requested_area
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import empty_map_response, map_response, tiles
from graph_service.web.paging import Page, offset, page_of, requested_page

blueprint = Blueprint("networks", __name__)

DETECT_COMMAND = "graph-service networks detect"
#: A new detection run shows on the pages at most this many seconds later.
RUN_CHECK_SECONDS = 5
#: Rows of a network's page: members (key players first) and ties (strongest first), each
#: list paged on its own (``members_page``, ``ties_page``); with the drawing, the map and the
#: workspace links, fourteen of each keep the page within six screens (twenty were 6.1 on a
#: generated town; fifteen 6.1 once the timeline and GeoPackage links came). The API's pages hold 50.
MEMBER_ROWS = 10
TIE_ROWS = 10
#: Members drawn on a network's page (key players first) and the ties among them: a drawing
#: of more is unreadable and heavy; the tables page through everyone.
DRAWING_MEMBERS = 150
PAGE_PARAMETERS = ("members_page", "members_per_page", "ties_page", "ties_per_page")


# -- analysts ------------------------------------------------------------------------------------

#: The two lists of the networks page: those of concern, and the other groups.
GROUPS = {"concern": True, "other": False}
#: Networks a page lists unless asked otherwise: each row carries its reasons, so ten rows
#: already fill a few screens.
PAGE_ROWS = 10


def networks_page(group: str, page: int, per_page: int, area: AreaChoice | None = None) -> Page:
    """One page of the networks of concern (``group="concern"``, rank 1 first) or of the other
    groups (``"other"``, by network number), with the names of their key players; with an
    ``area``, only the networks with a member whose evidence lies in it, in the same order."""
    db = get_db()
    of_concern = GROUPS[group]
    people = area.people if area else None
    totals = count_networks(db, people)
    total = totals["of_concern"] if of_concern else totals["total"] - totals["of_concern"]
    rows = [queries.plain(row) for row in list_networks(db, of_concern, offset(page, per_page), per_page, people)]
    return Page(_with_names(db, rows), total, page, per_page)


def listed(group: str, number: int, per_page: int, area: AreaChoice | None) -> Page:
    """:func:`networks_page`, kept until the next detection run (per area)."""
    area_id = area.area_id if area else None
    return cached(("list", group, area_id, number, per_page), lambda: networks_page(group, number, per_page, area))


def totals_in(area: AreaChoice | None) -> dict:
    """How many networks (and of concern) the list holds, in the area when one is chosen."""
    return cached(("totals", area.area_id if area else None),
                  lambda: count_networks(get_db(), area.people if area else None))


def _with_names(db, rows: list[dict]) -> list[dict]:
    ids = sorted({pid for row in rows for pid in row["key_players"]})
    names = {p["person_id"]: p for p in db.read("web/person/people", person_ids=ids)} if ids else {}
    for row in rows:
        row["key_players"] = [{"person_id": pid, "name": names.get(pid, {}).get("name")} for pid in row["key_players"]]
    return rows


def network(network_id: int) -> dict | None:
    """One network: members (key players first), the ties inside it (strongest first, with
    grades, evidence and both people's names), places, and the drawing's data (the first
    :data:`DRAWING_MEMBERS` members and their ties) in the shape of a person's associate network."""
    detail = network_detail(get_db(), network_id)
    if detail is None:
        return None
    detail = queries.plain(detail)
    on = queries.today()
    people = {p["person_id"]: p for p in get_db().read(
        "web/person/people", person_ids=[m["person_id"] for m in detail["members"]])}
    nodes = {}
    for member in detail["members"]:
        age = queries.age_on(people.get(member["person_id"], {}).get("dob"), on)
        nodes[member["person_id"]] = {"person_id": member["person_id"], "name": member["name"], "age": age,
                                      "child": bool(member["child_at_risk"]), "focus": member["key_player_rank"] == 1}
    ties = []
    for tie in detail["ties"]:
        if not tie["inside"]:
            continue
        grade = grading.strongest(tie["grades"] or [])
        ties.append({"source": tie["person_a"], "target": tie["person_b"], "kinds": tie["kinds"],
                     "kinds_text": [queries.TIE_KINDS.get(k, k.replace("_", " ")) for k in tie["kinds"] or []],
                     "grade": grade, "weight": tie["weight"], "evidence": tie["evidence_ids"]})
    ties.sort(key=lambda t: -(t["weight"] or 0))  # stable: the statement's order breaks ties
    drawn = list(nodes)[:DRAWING_MEMBERS]
    drawn_set = set(drawn)
    detail["drawing"] = {"person_id": None, "nodes": [nodes[pid] for pid in drawn],
                         "edges": [t for t in ties if t["source"] in drawn_set and t["target"] in drawn_set],
                         "limit": DRAWING_MEMBERS, "truncated": len(nodes) > DRAWING_MEMBERS}
    detail["inside_ties"] = [{**t, "source_name": nodes[t["source"]]["name"], "target_name": nodes[t["target"]]["name"]}
                             for t in ties]
    return detail


def requested_parts(detail: dict, default_rows: tuple[int, int] = (MEMBER_ROWS, TIE_ROWS)) -> tuple[Page, Page]:
    """The pages of a network's members and of its ties that a request asks for
    (``members_page``, ``members_per_page``, ``ties_page``, ``ties_per_page``)."""
    members_number, members_per_page = requested_page(default_rows[0], "members_")
    ties_number, ties_per_page = requested_page(default_rows[1], "ties_")
    return (page_of(detail["members"], members_number, members_per_page, "members_", PAGE_PARAMETERS),
            page_of(detail["inside_ties"], ties_number, ties_per_page, "ties_", PAGE_PARAMETERS))


def as_json(detail: dict, members: Page, ties: Page) -> dict:
    """A network's API answer: its facts, the drawing, and the pages of members and ties."""
    return {**{k: v for k, v in detail.items() if k not in ("members", "ties", "inside_ties")},
            "members": members.as_json(), "ties": ties.as_json()}


def people_shown(detail: dict, members: Page, ties: Page) -> list[str]:
    """Everyone a network's page (or answer) names: the drawing, and the rows of its pages."""
    ids = [n["person_id"] for n in detail["drawing"]["nodes"]] + [m["person_id"] for m in members.items]
    ids += [pid for t in ties.items for pid in (t["source"], t["target"])]
    return list(dict.fromkeys(ids))


# -- partners ------------------------------------------------------------------------------------

def partner_summaries() -> list[dict]:
    """Per network, what code P intelligence alone shows, as the disclosure rules allow it,
    most shareable ties first (an order drawn from code P alone: the concern rank rests on
    code C intelligence too, so partners never see it)."""
    key = current_app.config["SECRET_KEY"]
    key = key if isinstance(key, bytes) else str(key).encode()
    on = queries.today()
    summaries = disclosure.network_summaries(get_db().read("web/networks/partner_summary"), key,
                                             is_child=lambda dob: (queries.age_on(dob, on) or 99) < 18)
    return sorted(summaries, key=lambda s: (-(s["shareable_ties"] or 0), s["network_id"]))


def partners() -> list[dict]:
    """The partners' summaries (:func:`partner_summaries`), kept with the network pages and
    worked out once for all the server's processes: a region's 156,981 networks took 37 s on a
    quiet server and 129 s in each process during the warm-up."""
    return cached("partner", _partner_summaries_shared)


def _partner_summaries_shared() -> list[dict]:
    shared = shared_results.of(current_app)
    if shared is None:
        return partner_summaries()
    run, counts = current_app.extensions["network_pages"].version()
    return shared.get(("partner network summaries", run, counts, queries.today()), partner_summaries)


def partner_page(number: int, per_page: int) -> Page:
    """One page of the partners' summaries."""
    summaries = partners()
    start = offset(number, per_page)
    return Page(summaries[start:start + per_page], len(summaries), number, per_page)


def partner_summary(network_id: int) -> dict | None:
    return next((s for s in partners() if s["network_id"] == network_id), None)


def latest_run() -> tuple[str | None, tuple]:
    """The newest detection run's ID (None before the first), the counts of people and reports,
    and the last published ingest's ID: what the network pages keep is read again when any changes."""
    row = get_db().read("web/networks/latest_run")[0]
    return row["run_id"], (row["people"], row["reports"], row["last_ingest"])


def detection_has_run() -> bool:
    return current_app.extensions["network_pages"].latest() is not None


class RunCache:
    """What pages read of the networks, kept until a new detection run: networks change
    only when one runs, and their pages are read many times in between. Which run is the
    newest is read again at most every :data:`RUN_CHECK_SECONDS`, with the counts of people and
    reports and the last published ingest: a person or report deleted through another of the server's
    processes (whose :meth:`forget` this one never hears), or a report re-graded by an ingest,
    leaves none of this process's pages showing what it was. An
    item is made once however many requests ask for it at the same moment: the others wait
    for it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._run: str | None = None
        self._counts: tuple | None = None
        self._generation = 0  # one more at each reset: an item made across one is not kept
        self._items: dict = {}
        self._making: dict = {}  # key -> lock held while the item is made
        self._checked: float | None = None

    def latest(self) -> str | None:
        now = time.monotonic()
        with self._lock:
            if self._checked is not None and now - self._checked < RUN_CHECK_SECONDS:
                return self._run
        run, counts = latest_run()
        with self._lock:
            self._checked = now
            if (run, counts) != (self._run, self._counts):
                self._run, self._counts, self._items, self._making = run, counts, {}, {}
                self._generation += 1
        return run

    def version(self) -> tuple:
        """The run and counts of people and reports what is kept was read for."""
        with self._lock:
            return self._run, self._counts

    def forget(self) -> None:
        """Drop what is kept, as if a new run had come (a person or report was deleted)."""
        with self._lock:
            self._run, self._counts, self._items, self._making, self._checked = None, None, {}, {}, None
            self._generation += 1

    def get(self, key, make):
        self.latest()
        with self._lock:
            generation = self._generation
            if key in self._items:
                return self._items[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            value = make()
            with self._lock:
                if generation == self._generation:
                    self._items[key] = value
                    self._making.pop(key, None)
        return value


@blueprint.record_once
def _cache_per_app(state) -> None:
    state.app.extensions["network_pages"] = RunCache()


def cached(key, make):
    return current_app.extensions["network_pages"].get(key, make)


# -- routes --------------------------------------------------------------------------------------

@blueprint.get("/networks")
@roles_required("analyst", "partner")
def networks():
    if not detection_has_run():
        return render_template("networks.html", has_run=False, command=DETECT_COMMAND)
    if not current_user.can("analyst"):
        number, per_page = requested_page()
        audit("networks.summaries", [])
        return render_template("networks_partner.html", page=partner_page(number, per_page),
                               suppress_below=disclosure.SUPPRESS_BELOW)
    group = request.args.get("group", "concern")
    if group not in GROUPS:
        abort(400, description=f"group: choose one of {', '.join(GROUPS)}.")
    number, per_page = requested_page(PAGE_ROWS)
    area = requested_area()
    page = listed(group, number, per_page, area)
    audit("networks.view", [p["person_id"] for row in page.items for p in row["key_players"]],
          detail=f"area {area.area_id}" if area else None)
    return render_template("networks.html", has_run=True, page=page, group=group, totals=totals_in(area),
                           area=area, areas=area_options())


@blueprint.get("/networks/map")
@roles_required("analyst")
def networks_map():
    """The key players of one page of the networks of concern (the page beside it) at the
    places the evidence links them to: all members of all networks would be thousands of
    markers, and each network's page maps all of its own."""
    import maps

    number, per_page = requested_page(PAGE_ROWS)
    area = requested_area()
    rows = list_networks(get_db(), of_concern=True, offset=offset(number, per_page), limit=per_page,
                         person_ids=area.people if area else None)
    members = [{"person_id": person_id, "network_id": row["network_id"]}
               for row in rows for person_id in row["key_players"]]
    audit("networks.map", [m["person_id"] for m in members])
    places = hs.fetch_person_places(get_db(), [m["person_id"] for m in members]) if members else []
    if not len(places):
        return empty_map_response("No key player of these networks is placed at a location.")
    return map_response(maps.network_map(members, places, (), tiles=tiles(), title="Networks of concern: key players"))


@blueprint.get("/networks/<int(max=2147483647):network_id>")
@roles_required("analyst", "partner")
def network_page(network_id: int):
    if not current_user.can("analyst"):
        summary = partner_summary(network_id) if detection_has_run() else None
        if summary is None:  # no code P tie: nothing about it may be shared
            abort(404)
        audit("networks.summaries", [], detail=f"network {network_id}")
        return render_template("network_partner.html", s=summary, suppress_below=disclosure.SUPPRESS_BELOW)
    detail = cached(("network", network_id), lambda: network(network_id))
    if detail is None:
        abort(404)
    members, ties = requested_parts(detail)
    audit("network.view", people_shown(detail, members, ties), detail=f"network {network_id}")
    # The body is the same for every analyst until the next run: rendered once per page of
    # members and ties, it no longer dominates the dashboard's CPU when many read networks.
    content = cached(("network page", network_id, members.number, members.per_page, ties.number, ties.per_page),
                     lambda: Markup(render_template("network_content.html", network=detail, members=members,
                                                    ties=ties)))
    return render_template("network.html", network=detail, content=content)


@blueprint.get("/networks/<int(max=2147483647):network_id>/map")
@roles_required("analyst")
def network_map(network_id: int):
    import maps

    detail = network_detail(get_db(), network_id)
    if detail is None:
        abort(404)
    members = [m["person_id"] for m in detail["members"]]
    audit("network.map", members, detail=f"network {network_id}")
    places = hs.fetch_person_places(get_db(), members)
    # The places of the page's table too, by kind: the map sits under it, and the members'
    # own places alone (where the evidence most links each) were a few dots beside a long list.
    known = pd.DataFrame([{**p, "category": p.get("category") or "other"}
                          for p in detail["locations"] if p.get("lat") is not None])
    if not len(places) and not len(known):
        return empty_map_response("No member of this network is placed at a location.")
    locations = None if not len(known) else gpd.GeoDataFrame(
        known, geometry=gpd.points_from_xy(known["lon"], known["lat"]), crs=4326)
    # It opens where most members are (the table's first places, and those near the first): a
    # network spread over two towns fitted whole showed neither.
    focus = None if locations is None else hs.focus_cells(locations.assign(rank=range(1, len(locations) + 1)), top=10)
    member_rows = pd.DataFrame([{**m, "network_id": network_id} for m in detail["members"]])
    ties = [(t["person_a"], t["person_b"]) for t in detail["ties"] if t["inside"]]
    return map_response(maps.network_map(member_rows, places, ties, locations=locations, tiles=tiles(),
                                         title=f"Network {network_id}", focus=focus))
