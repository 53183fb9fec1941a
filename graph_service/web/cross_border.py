"""``/cross-border`` and ``/api/v1/cross-border``: networks and children whose evidence spans
areas (:mod:`graph_service.analysis.cross_border`), each list paged on its own
(``networks_page``, ``children_page``) in order of concern, for one level of area (``level``,
default local authorities).

Analysts only, audited with the children and network members named. Partners do not see it:
its rows are named children and networks, and a count of children between two councils is
usually below the disclosure threshold of 3; partners' figures per area come from the area
profile, through :mod:`graph_service.disclosure`.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request

from graph_service.analysis import cross_border
from graph_service.vocabulary import AREA_LEVELS
from graph_service.web import queries
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.paging import Page, offset, requested_page

blueprint = Blueprint("cross_border", __name__)

#: Rows of each list on the page (each row carries its areas and reasons); the API's hold 25.
PAGE_ROWS = 10
API_ROWS = 25
LISTS = ("networks", "children")
PAGE_PARAMETERS = ("level", *(f"{name}_{part}" for name in LISTS for part in ("page", "per_page")))


def requested_level() -> str:
    level = request.args.get("level", cross_border.DEFAULT_LEVEL)
    if level not in AREA_LEVELS:
        abort(400, description=f"level: choose one of {', '.join(AREA_LEVELS)}.")
    return level


def pages(level: str, rows: int) -> dict[str, Page]:
    """The page of each list that the request asks for."""
    db = get_db()
    asked = {name: requested_page(rows, f"{name}_") for name in LISTS}
    read = {"networks": lambda skip, limit: cross_border.networks_across_areas(db, level, skip, limit),
            "children": lambda skip, limit: cross_border.children_across_areas(db, level, skip, limit,
                                                                                 queries.today())}
    found = {name: read[name](offset(*asked[name]), asked[name][1]) for name in LISTS}
    return {name: Page(found[name]["items"], found[name]["total"], *asked[name], prefix=f"{name}_",
                       keep=PAGE_PARAMETERS) for name in LISTS}


def _audited(level: str, shown: dict[str, Page]) -> None:
    children = [row["person_id"] for row in shown["children"].items]
    networks = [f"network:{row['network_id']}" for row in shown["networks"].items]
    audit("cross_border.view", children + networks, detail=f"level {level}")


def areas_loaded() -> bool:
    return bool(get_db().read("areas/list"))


@blueprint.get("/cross-border")
@roles_required("analyst")
def cross_border_page():
    level = requested_level()
    shown = pages(level, PAGE_ROWS)
    _audited(level, shown)
    return render_template("cross_border.html", pages=shown, level=level, levels=AREA_LEVELS,
                           level_words=cross_border.LEVEL_WORDS, areas_loaded=areas_loaded())


@blueprint.get("/api/v1/cross-border")
@roles_required("analyst")
def cross_border_api():
    level = requested_level()
    shown = pages(level, API_ROWS)
    _audited(level, shown)
    return jsonify({"level": level, **{name: page.as_json() for name, page in shown.items()}})
