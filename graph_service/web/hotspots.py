"""``/hotspots``: the MACSE view. Hot spot cells (Getis-Ord Gi*, from
:mod:`graph_service.analysis.hotspots`) for a time window and chosen kinds of event, the
window compared with the one before it (emerging hot spots), a heat layer, the map, a
GeoJSON export and a printable page.

Analysts and disruption leads see every kind of event. What partners see is decided by
:mod:`graph_service.disclosure` alone: this module asks it for the events a partner's layer
counts, the cells, summary and heat it may show, and whether a request is allowed.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta

import geopandas as gpd
import pandas as pd
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from graph_service import disclosure
from graph_service.analysis import hotspots as hs
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import empty_map_response, map_document_response, served_map, tiles
from graph_service.web.paging import Page, offset, requested_page
from maps.export import MapDocument

blueprint = Blueprint("hotspots", __name__)

KIND_LABELS = {
    "missing": "Where children were found after missing episodes",
    "sighting": "Sightings (ANPR, officer, partner, CCTV)",
    "intel": "Places named in intelligence (seen at, frequents)",
}
DEFAULT_DAYS = 90
MAX_DAYS = 3 * 366
CELL_SIZES = (100, 250, 500, 1000)
#: Dates a window may use (the window before it must be a date too).
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
#: A computed layer is reused for the same window, kinds and cell size while the stored
#: records it is built from are unchanged in number, for at most this many seconds: a MACSE
#: meeting pages through the same layer many times, and new data arrives by batch ingest.
CACHE_SECONDS = 600
#: How long a check that the stored records are unchanged holds (newly ingested events show
#: on the map at most this many seconds later).
VERSION_SECONDS = 5


@dataclass(frozen=True)
class Choice:
    """The controls of the hotspot page, checked."""

    start: date
    end: date
    kinds: tuple[str, ...]
    cell: int
    partner: bool

    def query(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "kinds": list(self.kinds),
                "cell": self.cell}


def _date(name: str, default: date) -> date:
    if name not in request.args:
        return default
    raw = request.args[name].strip()
    if not raw:
        abort(400, description=f"{name}: empty; give a date (YYYY-MM-DD) or leave {name} out.")
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        abort(400, description=f"{name}: {raw[:20]!r} is not a date (YYYY-MM-DD).")
    if not EARLIEST <= day <= LATEST:
        abort(400, description=f"{name}: {day} is outside {EARLIEST} to {LATEST}.")
    return day


def choice_from_request() -> Choice:
    partner = not current_user.can("analyst")
    allowed = disclosure.KINDS if partner else hs.KINDS
    end = _date("to", date.today())
    start = _date("from", end - timedelta(days=DEFAULT_DAYS - 1))
    if end < start:
        abort(400, description=f"to: {end} is before from: {start}.")
    if (end - start).days + 1 > MAX_DAYS:
        abort(400, description=f"A window may be at most {MAX_DAYS} days.")
    kinds = tuple(request.args.getlist("kinds")) or allowed
    unknown = [k for k in kinds if k not in allowed]
    if unknown:
        abort(400, description=f"kinds: {', '.join(map(repr, unknown))[:40]} is not one of {', '.join(allowed)}.")
    try:
        cell = int(request.args.get("cell", "250"))
    except ValueError:
        abort(400, description="cell: give a whole number of metres.")
    if cell not in CELL_SIZES:
        abort(400, description=f"cell: choose one of {', '.join(map(str, CELL_SIZES))} metres.")
    if partner:
        try:
            disclosure.check_request(start, end, cell, kinds)
        except disclosure.Refused as refused:
            abort(400, description=str(refused))
    return Choice(start, end, tuple(k for k in hs.KINDS if k in kinds), cell, partner)


@dataclass
class Layer:
    """A computed hot spot layer: every cell (WGS84), its summary, what its heat surface is
    drawn from and, for analysts, the found-after-missing events. A partner's layer holds
    only what :mod:`graph_service.disclosure` hands back: no event of its own."""

    choice: Choice
    cells: gpd.GeoDataFrame | None
    summary_figures: dict
    heat: gpd.GeoDataFrame | None = None
    found: gpd.GeoDataFrame | None = None
    #: The map document, made on first request (its scripts allowed by hash, so it is kept whole).
    map_document: MapDocument | None = None
    #: The notable cells as rows, and the GeoJSON text (plain and compressed), made on first request.
    rows: list[dict] | None = None
    geojson: str | None = None
    geojson_gzip: bytes | None = None

    @property
    def empty(self) -> bool:
        return self.cells is None

    def summary(self) -> dict:
        return self.summary_figures


def _summary(choice: Choice, current: pd.DataFrame, previous: pd.DataFrame, cells: gpd.GeoDataFrame | None) -> dict:
    if cells is None:
        return {"events": 0, "previous_events": int(len(previous)), "classes": {}, "concern_classes": {},
                "cells_of_concern": 0, "trends": {}}
    return {
        "events": int(len(current)),
        "previous_events": int(len(previous)),
        "events_by_kind": {k: int((current["kind"] == k).sum()) for k in choice.kinds},
        "cells": int(len(cells)),
        "classes": {c: int((cells["hotspot_class"] == c).sum()) for c in hs.CLASSES},
        "concern_classes": {c: int((cells["concern_class"] == c).sum()) for c in hs.CLASSES},
        "cells_of_concern": int(cells["rank"].notna().sum()),
        "trends": {t: int((cells["trend"] == t).sum()) for t in hs.TRENDS},
    }


class LayerCache:
    """Computed layers of one app, by choice and by the version of the stored records.

    A layer is computed once however many people ask for it at the same moment (the others
    wait for it), then reused while the records keep their version, for at most
    :data:`CACHE_SECONDS`.
    """

    def __init__(self):
        self._layers: dict[tuple, tuple[float, Layer]] = {}
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}
        self._version: tuple[float, tuple] | None = None

    def version(self, read) -> tuple:
        """The stored records' version, read again when older than :data:`VERSION_SECONDS`."""
        now = time.monotonic()
        with self._lock:
            if self._version and now - self._version[0] < VERSION_SECONDS:
                return self._version[1]
        version = read()
        with self._lock:
            self._version = (now, version)
        return version

    def get(self, choice: Choice, version: tuple, build) -> Layer:
        key = (choice, version)
        with self._lock:
            hit = self._fresh(key)
            if hit is not None:
                return hit
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                hit = self._fresh(key)
                if hit is not None:
                    return hit
            layer = build(choice)
            with self._lock:
                now = time.monotonic()
                for old in [k for k, (at, _) in self._layers.items() if now - at >= CACHE_SECONDS or k[1] != version]:
                    self._layers.pop(old, None)
                self._layers[key] = (now, layer)
                self._computing.pop(key, None)
            return layer

    def _fresh(self, key: tuple) -> Layer | None:
        hit = self._layers.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < CACHE_SECONDS else None


@blueprint.record_once
def _cache_per_app(state) -> None:
    state.app.extensions["hotspot_layers"] = LayerCache()


def compute(choice: Choice) -> Layer:
    """The layer for ``choice``, from this app's :class:`LayerCache`."""
    cache = current_app.extensions["hotspot_layers"]
    version = cache.version(lambda: tuple(get_db().read("web/hotspots/version")[0].values()))
    return cache.get(choice, version, _compute)


def _compute(choice: Choice) -> Layer:
    days = (choice.end - choice.start).days + 1
    db = get_db()
    events = hs.fetch_events(db, choice.kinds, choice.start - timedelta(days=days), choice.end)
    concern = hs.fetch_concern_events(db, choice.kinds, choice.start, choice.end)
    if choice.partner:
        events = disclosure.shareable_events(events)
        concern = disclosure.shareable_events(concern)
    current, previous = hs.windows(events, choice.start, choice.end)
    if not len(current):
        layer = Layer(choice, None, _summary(choice, current, previous, None))
    else:
        emerging = hs.EmergingHotspots(current, previous, float(choice.cell), "square", weight="weight")
        # Concern is counted into the same cells; the rank (1 = of most concern) orders the layer.
        cells = hs.rank_cells(emerging.frame, emerging.grid, concern).to_crs(hs.WGS84)
        layer = Layer(choice, cells, _summary(choice, current, previous, cells), heat=current,
                      found=current[(current["kind"] == "missing").to_numpy()])
    if not choice.partner:
        return layer
    # Everything a partner's layer keeps comes from the disclosure rules; the events go. The
    # order is made again from what a partner may see, so it tells nothing a withheld count hides.
    cells = None if layer.empty else disclosure.cells(layer.cells)
    if cells is not None:
        cells["rank"] = hs.ranks(cells)
    heat = None if cells is None else disclosure.heat_points(cells)
    return Layer(choice, cells, disclosure.summary(layer.summary_figures),
                 heat=heat if heat is not None and len(heat) else None)


def cell_rows(layer: Layer) -> list[dict]:
    """The cells with a sign of concern as rows for tables and JSON, in order of concern (rank
    1 first) with the reasons for each, the activity figures and the nearest location of
    concern; for partners, counts as the disclosure rules left them. Made once per layer."""
    if layer.rows is None:
        layer.rows = _cell_rows(layer)
    return layer.rows


def _cell_rows(layer: Layer) -> list[dict]:
    if layer.empty:
        return []
    cells = layer.cells
    cells = cells[cells["rank"].notna().to_numpy()].sort_values("rank")
    if not len(cells):
        return []
    centres = cells.to_crs(hs.BNG).geometry.centroid
    nearest = _nearest_concern(gpd.GeoDataFrame({"cell_id": cells["cell_id"].to_numpy()}, geometry=centres.to_numpy(),
                                                crs=hs.BNG))
    rows = []
    wgs = centres.to_crs(hs.WGS84)
    for (_, cell), point in zip(cells.iterrows(), wgs, strict=False):
        rows.append({
            "rank": int(cell["rank"]),
            "cell_id": str(cell["cell_id"]),
            "lat": round(point.y, 5), "lon": round(point.x, 5),
            "reasons": hs.cell_reasons(cell),
            "concern_count": _number(cell["concern_count"]),
            **{reason: _number(cell[reason]) for reason in hs.CONCERN_REASONS},
            "concern_z": round(float(cell["concern_z"]), 3), "concern_p_fdr": round(float(cell["concern_p_fdr"]), 4),
            "concern_class": cell["concern_class"], "concern_label": hs.LABELS[cell["concern_class"]],
            "count": _number(cell["count"]), "count_before": _number(cell["count_before"]),
            "gi_z": round(float(cell["gi_z"]), 3), "p_fdr": round(float(cell["p_fdr"]), 4),
            "hotspot_class": cell["hotspot_class"], "hotspot_label": hs.LABELS[cell["hotspot_class"]],
            "trend": cell["trend"] or None,
            "near": nearest.get(str(cell["cell_id"])),
        })
    return rows


def _number(value) -> int | None:
    """A cell's count as JSON: None where the disclosure rules withheld it."""
    return None if pd.isna(value) else int(value)


def _nearest_concern(centres: gpd.GeoDataFrame) -> dict[str, dict]:
    locations = hs.fetch_locations(get_db(), hs.CONCERN_CATEGORIES)
    if not len(locations) or not len(centres):
        return {}
    joined = gpd.sjoin_nearest(centres, locations.to_crs(hs.BNG)[["name", "category", "geometry"]],
                               distance_col="metres")
    joined = joined[~joined.index.duplicated()]
    return {
        str(row.cell_id): {"name": row.name, "category": row.category, "metres": int(round(row.metres))}
        for row in joined.itertuples()
    }


def geojson(layer: Layer) -> dict:
    """The layer's cells as a GeoJSON FeatureCollection (WGS84) in order of concern: the cells
    with a sign of concern first, by ``rank`` (1 = of most concern) with their ``reasons``,
    then every other cell with an event in either window, a significant statistic or a trend.
    The rest of the grid (empty and not significant, most of it) only marks out the study area
    and is left out."""
    if layer.empty:
        return {"type": "FeatureCollection", "features": [], "properties": {**layer.choice.query(), **layer.summary()}}
    cells = layer.cells
    # A withheld count (<NA>) is a cell with one or two events: telling too.
    has_events = [(c > 0).fillna(True) for c in (cells["count"], cells["count_before"])]
    telling = (has_events[0] | has_events[1] | (cells["hotspot_class"] != "not_significant") | (cells["trend"] != "")
               | cells["rank"].notna())
    cells = cells.loc[telling.to_numpy()].copy()
    cells["_order"] = cells["rank"].fillna(len(cells) + 1)
    cells = cells.sort_values(["_order", "cell_id"], kind="stable")
    reasons = [hs.cell_reasons(cell) if pd.notna(cell["rank"]) else [] for _, cell in cells.iterrows()]
    cells = cells[["cell_id", "rank", *hs.CONCERN_REASONS, "concern_count", "concern_value", "concern_z",
                   "concern_p_fdr", "concern_class", "count", "count_before", "value", "gi_z", "p_fdr",
                   "hotspot_class", "trend", "geometry"]]
    cells["cell_id"] = cells["cell_id"].astype(str)
    data = json.loads(cells.to_json(drop_id=True, na="null"))
    for feature, because in zip(data["features"], reasons, strict=True):
        feature["properties"]["reasons"] = because
    data["properties"] = {**layer.choice.query(), **layer.summary(),
                          "suppressed_below": disclosure.SUPPRESS_BELOW if layer.choice.partner else None}
    return data


def geojson_text(layer: Layer) -> str:
    """:func:`geojson` as JSON text, made once per layer."""
    if layer.geojson is None:
        layer.geojson = json.dumps(geojson(layer))
    return layer.geojson


def geojson_response(layer: Layer, mimetype: str, headers: dict | None = None) -> Response:
    """The layer's GeoJSON, gzip-compressed (once per layer) when the client accepts it: a
    town's layer is hundreds of kB of text that compresses about tenfold, and sending it
    whole to every reader held the server's threads far longer than computing it."""
    response = Response(mimetype=mimetype, headers=headers)
    response.vary.add("Accept-Encoding")
    if "gzip" in request.accept_encodings:
        if layer.geojson_gzip is None:
            layer.geojson_gzip = gzip.compress(geojson_text(layer).encode(), compresslevel=6, mtime=0)
        response.set_data(layer.geojson_gzip)
        response.content_encoding = "gzip"
    else:
        response.set_data(geojson_text(layer))
    return response


#: The map's hot spot layer: cells coloured by their class of concern (Gi* of the signs of
#: exploitation), the figures in its tooltip those of concern.
CONCERN_MAP_COLUMNS = {"concern_class": "hotspot_class", "concern_z": "gi_z", "concern_p_fdr": "p_fdr"}
def hotspot_map(layer: Layer):
    import maps

    if layer.empty:
        return None
    density = None if layer.heat is None else hs.KernelDensity(layer.heat, bandwidth=300.0, weight="weight")
    locations = hs.fetch_locations(get_db(), hs.CONCERN_CATEGORIES)
    cells = layer.cells
    if layer.choice.partner:
        locations = disclosure.places_of_concern(locations)
        cells = disclosure.cells_as_text(cells, ["count", "count_before", "concern_count"])
    by_concern = cells.drop(columns=list(CONCERN_MAP_COLUMNS.values())).rename(columns=CONCERN_MAP_COLUMNS)
    focus = hs.focus_cells(cells)
    found = layer.found if layer.found is not None and len(layer.found) else None
    return maps.hotspot_map(by_concern, density=density, found=found, locations=locations if len(locations) else None,
                            value="concern_count", value_label="Signs of concern", focus=focus,
                            name="Hot spots of concern (Gi* of signs of exploitation)",
                            tiles=tiles(), title=f"Hot spots of concern {layer.choice.start} to {layer.choice.end}")


#: Cells of concern a page lists (the export has them all); the printable page lists more.
PAGE_ROWS = 10
PRINT_ROWS = 50


@blueprint.app_template_filter("figure")
def figure(value) -> str:
    """A count on a page: "fewer than 3" where the disclosure rules withheld it. App-wide:
    the partners' home and network summary pages use it too."""
    return disclosure.text(value)


@blueprint.app_template_filter("figure_or_withheld")
def figure_or_withheld(value) -> str:
    """A figure the disclosure rules may withhold because of another: "withheld"."""
    return disclosure.text(value, disclosure.WITHHELD_WITH_ANOTHER)


def cell_page(layer: Layer, per_page: int = PAGE_ROWS) -> Page:
    """The page of cells of concern a request asks for (``page``, ``per_page``), in rank order."""
    number, per_page = requested_page(per_page)
    rows = cell_rows(layer)
    start = offset(number, per_page)
    return Page(rows[start:start + per_page], len(rows), number, per_page)


def _page(template: str, action: str, per_page: int = PAGE_ROWS):
    choice = choice_from_request()
    audit(action, [], detail=json.dumps(choice.query()))
    layer = compute(choice)
    cell_sizes = [c for c in CELL_SIZES if c >= disclosure.MIN_CELL] if choice.partner else CELL_SIZES
    return render_template(template, choice=choice, layer=layer, summary=layer.summary(),
                           page=cell_page(layer, per_page), reason_words=hs.REASON_WORDS,
                           kinds=disclosure.KINDS if choice.partner else hs.KINDS, kind_labels=KIND_LABELS,
                           cell_sizes=cell_sizes, labels=hs.LABELS, suppress_below=disclosure.SUPPRESS_BELOW,
                           min_days=disclosure.MIN_DAYS,
                           map_url=url_for("hotspots.hotspot_map_frame", **_args(choice)),
                           export_url=url_for("hotspots.export", **_args(choice)),
                           print_url=url_for("hotspots.printable", **_args(choice)))


def _args(choice: Choice) -> dict:
    return {"from": choice.start.isoformat(), "to": choice.end.isoformat(), "kinds": list(choice.kinds),
            "cell": choice.cell}


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
