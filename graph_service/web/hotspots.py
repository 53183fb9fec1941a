"""``/hotspots``: the MACSE view. Hot spot cells (Getis-Ord Gi*, from
:mod:`graph_service.analysis.hotspots`) for a time window and chosen kinds of event, the
window compared with the one before it (emerging hot spots), a heat layer, the map, a
GeoJSON export and a printable page.

Hot spots are computed within an area (``area``: a loaded area's ID or name): the events
outside it are left out of the analysis. With no area chosen, each council is computed on its
own and the map opens on the council of most concern; an area holding two councils (a force)
is computed council by council too. One Gi* never spans two towns.

Analysts and disruption leads see every kind of event. What partners see is decided by
:mod:`graph_service.disclosure` alone: this module asks it for the events a partner's layer
counts, the cells, summary and heat it may show, and whether a request is allowed.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, url_for

from graph_service import disclosure
from graph_service.analysis import hotspots as hotspot_analysis
from graph_service.web import hotspots_layers
from graph_service.web.auth import audit, roles_required
from graph_service.web.hotspots_choice import (  # noqa: F401  (the API and the warm-up use them from here)
    CELL_SIZES,
    DEFAULT_DAYS,
    KIND_LABELS,
    Choice,
    choice_from_request,
    selectable_areas,
    url_args,
)
from graph_service.web.hotspots_layers import (  # noqa: F401
    InProgress,
    Layer,
    LayerCache,
    compute,
    loaded_areas,
)
from graph_service.web.hotspots_output import (  # noqa: F401
    PAGE_ROWS,
    PRINT_ROWS,
    cell_page,
    cell_rows,
    geojson,
    geojson_response,
    hotspot_map,
)
from graph_service.web.mapframes import empty_map_response, map_document_response, served_map

blueprint = Blueprint("hotspots", __name__)


@blueprint.record_once
def _cache_per_app(state) -> None:
    hotspots_layers.init_app(state.app)


@blueprint.app_template_filter("figure")
def figure(value) -> str:
    """A count on a page: "fewer than 3" where the disclosure rules withheld it. App-wide:
    the partners' home and network summary pages use it too."""
    return disclosure.text(value)


@blueprint.app_template_filter("figure_or_withheld")
def figure_or_withheld(value) -> str:
    """A figure the disclosure rules may withhold because of another: "withheld"."""
    return disclosure.text(value, disclosure.WITHHELD_WITH_ANOTHER)


#: How long a page waits for a layer the warm-up (or another request) is working out before
#: saying so instead, and how often the page saying so refreshes itself.
PAGE_WAIT_SECONDS = 1.5
REFRESH_SECONDS = 5


def _page(template: str, action: str, per_page: int = PAGE_ROWS):
    choice = choice_from_request()
    audit(action, [], detail=json.dumps(choice.query()))
    try:
        layer = compute(choice, wait=PAGE_WAIT_SECONDS)
    except InProgress as progress:  # answer at once; the page refreshes itself until it is ready
        return render_template("hotspots_progress.html", choice=choice, since=progress.since,
                               refresh=REFRESH_SECONDS)
    cell_sizes = [c for c in CELL_SIZES if c >= disclosure.MIN_CELL] if choice.partner else CELL_SIZES
    return render_template(template, choice=choice, layer=layer, summary=layer.summary(),
                           areas=selectable_areas(choice.partner), area_names={a.area_id: a.name for a in loaded_areas()},
                           page=cell_page(layer, per_page), reason_words=hotspot_analysis.REASON_WORDS,
                           kinds=disclosure.KINDS if choice.partner else hotspot_analysis.KINDS, kind_labels=KIND_LABELS,
                           cell_sizes=cell_sizes, labels=hotspot_analysis.LABELS, suppress_below=disclosure.SUPPRESS_BELOW,
                           min_days=disclosure.MIN_DAYS,
                           map_url=url_for("hotspots.hotspot_map_frame", **url_args(choice)),
                           export_url=url_for("hotspots.export", **url_args(choice)),
                           gpkg_url=url_for("hotspots.export_gpkg", **url_args(choice)),
                           print_url=url_for("hotspots.printable", **url_args(choice)))


@blueprint.get("/hotspots")
@roles_required("analyst", "partner")
def hotspots():
    return _page("hotspots.html", "hotspots.view")


@blueprint.get("/hotspots/print")
@roles_required("analyst", "partner")
def printable():
    return _page("hotspots_print.html", "hotspots.print", PRINT_ROWS)


@blueprint.get("/hotspots/map")
@roles_required("analyst", "partner")
def hotspot_map_frame():
    choice = choice_from_request()
    audit("hotspots.map", [], detail=json.dumps(choice.query()))
    layer = compute(choice)
    if layer.empty:
        return empty_map_response("No events in this window.")
    if layer.map_document is None:  # the same for everyone asking for this layer: made once
        layer.map_document = served_map(hotspot_map(layer))
    return map_document_response(layer.map_document)


@blueprint.get("/hotspots/export.geojson")
@roles_required("analyst", "partner")
def export():
    choice = choice_from_request()
    audit("hotspots.export", [], detail=json.dumps(choice.query()))
    layer = compute(choice)
    name = f"hotspots_{choice.start}_{choice.end}.geojson"
    return geojson_response(layer, "application/geo+json", {"Content-Disposition": f'attachment; filename="{name}"'})


@blueprint.get("/hotspots/export.gpkg")
@roles_required("analyst", "partner")
def export_gpkg():
    """The same layer as the GeoJSON export (the same cells and figures, so what a partner
    receives is what disclosure decided for the GeoJSON), as a GeoPackage for QGIS or ArcGIS."""
    from graph_service import exports

    choice = choice_from_request()
    audit("hotspots.export", [], detail=json.dumps({**choice.query(), "format": "gpkg"}))
    layer = compute(choice)
    name = f"hotspots_{choice.start}_{choice.end}.gpkg"
    return Response(exports.geojson_to_gpkg(geojson(layer), "hotspots"), mimetype=exports.FORMATS["gpkg"][1],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
