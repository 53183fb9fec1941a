"""``/hotspots``: the MACSE view. Hot spot cells (Getis-Ord Gi*, from
:mod:`graph_service.analysis.hotspots`) for a time window and chosen kinds of event, the
window compared with the one before it (emerging hot spots), a heat layer, the map, a
GeoJSON export and a printable page.

Analysts and disruption leads see every kind of event. Partners see layers built from
missing-episode found locations (as cells and heat only, never the points) and from
intelligence with handling code P; sightings and code C intelligence never reach them, and
cell counts below :data:`SUPPRESS_BELOW` are withheld from them.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta

import geopandas as gpd
import pandas as pd
from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user

from graph_service.analysis import hotspots as hs
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.mapframes import empty_map_response, map_response, tiles

blueprint = Blueprint("hotspots", __name__)

KIND_LABELS = {
    "missing": "Where children were found after missing episodes",
    "sighting": "Sightings (ANPR, officer, partner, CCTV)",
    "intel": "Places named in intelligence (seen at, frequents)",
}
#: What partners' layers are built from.
PARTNER_KINDS = ("missing", "intel")
#: Partners never see a cell count smaller than this (a single event can point at a home).
SUPPRESS_BELOW = 3
DEFAULT_DAYS = 90
MAX_DAYS = 3 * 366
CELL_SIZES = (100, 250, 500, 1000)
#: Dates a window may use (the window before it must be a date too).
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
#: Seconds a computed layer is reused for the same window, kinds and cell size: a MACSE
#: meeting pages through the same layer many times, and new data arrives by batch ingest.
CACHE_SECONDS = 60


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
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        abort(400, description=f"{name}: {raw[:20]!r} is not a date (YYYY-MM-DD).")
    if not EARLIEST <= day <= LATEST:
        abort(400, description=f"{name}: {day} is outside {EARLIEST} to {LATEST}.")
    return day


def choice_from_request() -> Choice:
    partner = not current_user.can("analyst")
    allowed = PARTNER_KINDS if partner else hs.KINDS
    end = _date("to", date.today())
    start = _date("from", end - timedelta(days=DEFAULT_DAYS - 1))
    if end < start:
        abort(400, description=f"to: {end} is before from: {start}.")
    if (end - start).days + 1 > MAX_DAYS:
        abort(400, description=f"A window may be at most {MAX_DAYS} days.")
    kinds = tuple(k for k in request.args.getlist("kinds") if k) or allowed
    unknown = [k for k in kinds if k not in allowed]
    if unknown:
        abort(400, description=f"kinds: {', '.join(unknown)[:40]} is not one of {', '.join(allowed)}.")
    try:
        cell = int(request.args.get("cell", "250"))
    except ValueError:
        abort(400, description="cell: give a whole number of metres.")
    if cell not in CELL_SIZES:
        abort(400, description=f"cell: choose one of {', '.join(map(str, CELL_SIZES))} metres.")
    return Choice(start, end, tuple(k for k in hs.KINDS if k in kinds), cell, partner)


@dataclass
class Layer:
    """A computed hot spot layer: every cell (WGS84) and the events of the window."""

    choice: Choice
    cells: gpd.GeoDataFrame | None
    events: gpd.GeoDataFrame
    previous_events: int

    @property
    def empty(self) -> bool:
        return self.cells is None

    def summary(self) -> dict:
        if self.empty:
            return {"events": 0, "previous_events": self.previous_events, "classes": {}, "trends": {}}
        return {
            "events": int(len(self.events)),
            "previous_events": self.previous_events,
            "events_by_kind": {k: int((self.events["kind"] == k).sum()) for k in self.choice.kinds},
            "cells": int(len(self.cells)),
            "classes": {c: int((self.cells["hotspot_class"] == c).sum()) for c in hs.CLASSES},
            "trends": {t: int((self.cells["trend"] == t).sum()) for t in hs.TRENDS},
        }


_cache: dict[Choice, tuple[float, Layer]] = {}
_cache_lock = threading.Lock()


def compute(choice: Choice) -> Layer:
    """The layer for ``choice``, from the cache when computed in the last CACHE_SECONDS."""
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(choice)
        if hit and now - hit[0] < CACHE_SECONDS:
            return hit[1]
    layer = _compute(choice)
    with _cache_lock:
        for key in [k for k, (at, _) in _cache.items() if now - at >= CACHE_SECONDS]:
            _cache.pop(key, None)
        _cache[choice] = (now, layer)
    return layer


def _compute(choice: Choice) -> Layer:
    days = (choice.end - choice.start).days + 1
    events = hs.fetch_events(get_db(), choice.kinds, choice.start - timedelta(days=days), choice.end)
    if choice.partner:
        shareable = (events["kind"] == "missing") | ((events["kind"] == "intel") & (events["handling_code"] == "P"))
        events = events[shareable.to_numpy()]
    current, previous = hs.windows(events, choice.start, choice.end)
    if not len(current):
        return Layer(choice, None, current, int(len(previous)))
    emerging = hs.EmergingHotspots(current, previous, float(choice.cell), "square", weight="weight")
    return Layer(choice, emerging.frame.to_crs(hs.WGS84), current, int(len(previous)))


def cell_rows(layer: Layer, only_notable: bool = True) -> list[dict]:
    """Cells as rows for tables and JSON: hot spots and emerging ones first, with the nearest
    location of concern; counts below SUPPRESS_BELOW withheld from partners."""
    if layer.empty:
        return []
    cells = layer.cells
    if only_notable:
        cells = cells[(cells["hotspot_class"].str.startswith("hot")) | (cells["trend"] != "")]
    if not len(cells):
        return []
    centres = cells.to_crs(hs.BNG).geometry.centroid
    nearest = _nearest_concern(gpd.GeoDataFrame({"cell_id": cells["cell_id"].to_numpy()}, geometry=centres.to_numpy(),
                                                crs=hs.BNG))
    rows = []
    wgs = centres.to_crs(hs.WGS84)
    for (_, cell), point in zip(cells.iterrows(), wgs):
        count, before = int(cell["count"]), int(cell["count_before"])
        rows.append({
            "cell_id": str(cell["cell_id"]),
            "lat": round(point.y, 5), "lon": round(point.x, 5),
            "count": _shown(count, layer.choice), "count_before": _shown(before, layer.choice),
            "gi_z": round(float(cell["gi_z"]), 3), "p_fdr": round(float(cell["p_fdr"]), 4),
            "hotspot_class": cell["hotspot_class"], "hotspot_label": hs.LABELS[cell["hotspot_class"]],
            "trend": cell["trend"] or None,
            "near": nearest.get(str(cell["cell_id"])),
        })
    order = {c: i for i, c in enumerate(hs.CLASSES)}
    return sorted(rows, key=lambda r: (order[r["hotspot_class"]], -float(r["gi_z"]), r["cell_id"]))


def _shown(count: int, choice: Choice) -> int | None:
    return None if choice.partner and 0 < count < SUPPRESS_BELOW else count


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
    """Every cell of the layer as a GeoJSON FeatureCollection (WGS84)."""
    if layer.empty:
        return {"type": "FeatureCollection", "features": [], "properties": {**layer.choice.query(), **layer.summary()}}
    cells = layer.cells[["cell_id", "count", "count_before", "value", "gi_z", "p_fdr", "hotspot_class", "trend",
                         "geometry"]].copy()
    for column in ("count", "count_before"):
        cells[column] = [_shown(int(c), layer.choice) for c in cells[column]]
    cells["cell_id"] = cells["cell_id"].astype(str)
    data = json.loads(cells.to_json(drop_id=True))
    data["properties"] = {**layer.choice.query(), **layer.summary(),
                          "suppressed_below": SUPPRESS_BELOW if layer.choice.partner else None}
    return data


def hotspot_map(layer: Layer):
    import maps

    if layer.empty:
        return None
    density = hs.KernelDensity(layer.events, bandwidth=300.0, weight="weight")
    locations = hs.fetch_locations(get_db(), hs.CONCERN_CATEGORIES)
    found = None
    if layer.choice.partner:
        # Names of hotels, takeaways...: yes; how many sightings or found children there: no.
        locations = locations.drop(columns=["missing_found", "sightings"])
    else:
        found = layer.events[layer.events["kind"] == "missing"]
    return maps.hotspot_map(layer.cells, density=density, found=found if found is not None and len(found) else None,
                            locations=locations if len(locations) else None, tiles=tiles(),
                            title=f"Hot spots {layer.choice.start} to {layer.choice.end}")


def _page(template: str):
    choice = choice_from_request()
    layer = compute(choice)
    rows = cell_rows(layer)
    if not choice.partner:
        audit("hotspots.view", [], detail=json.dumps(choice.query()))
    return render_template(template, choice=choice, layer=layer, summary=layer.summary(), rows=rows,
                           kinds=PARTNER_KINDS if choice.partner else hs.KINDS, kind_labels=KIND_LABELS,
                           cell_sizes=CELL_SIZES, labels=hs.LABELS, suppress_below=SUPPRESS_BELOW,
                           map_url=url_for("hotspots.hotspot_map_frame", **_args(choice)),
                           export_url=url_for("hotspots.export", **_args(choice)),
                           print_url=url_for("hotspots.printable", **_args(choice)))


def _args(choice: Choice) -> dict:
    return {"from": choice.start.isoformat(), "to": choice.end.isoformat(), "kinds": list(choice.kinds),
            "cell": choice.cell}


@blueprint.get("/hotspots")
@roles_required("analyst", "partner")
def hotspots():
    return _page("hotspots.html")


@blueprint.get("/hotspots/print")
@roles_required("analyst", "partner")
def printable():
    return _page("hotspots_print.html")


@blueprint.get("/hotspots/map")
@roles_required("analyst", "partner")
def hotspot_map_frame():
    layer = compute(choice_from_request())
    m = hotspot_map(layer)
    if m is None:
        return empty_map_response("No events in this window.")
    return map_response(m)


@blueprint.get("/hotspots/export.geojson")
@roles_required("analyst", "partner")
def export():
    choice = choice_from_request()
    data = geojson(compute(choice))
    audit("hotspots.export", [], detail=json.dumps(choice.query()))
    name = f"hotspots_{choice.start}_{choice.end}.geojson"
    return Response(json.dumps(data), mimetype="application/geo+json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
