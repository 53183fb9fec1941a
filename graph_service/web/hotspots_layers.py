"""Hot spot layers: computed once (within each area on its own) for all the dashboard's worker
processes (:mod:`graph_service.web.shared_results`), kept per app while the stored records keep
their version, and worked out ahead by the warm-up. A page asking for a layer
the warm-up (or another request) is still working out gets :class:`InProgress` rather than
waiting. A partner's layer keeps only what :mod:`graph_service.disclosure` hands back."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
from flask import current_app

from graph_service import disclosure
from graph_service.analysis import hotspots as hotspot_analysis
from graph_service.web import shared_results
from graph_service.web.database import get_db
from maps.export import MapDocument

if TYPE_CHECKING:
    from graph_service.web.hotspots_choice import Choice

#: A computed layer is reused for the same window, kinds and cell size while the stored
#: records it is built from are unchanged in number, for at most this many seconds: a MACSE
#: meeting pages through the same layer many times, and new data arrives by batch ingest.
CACHE_SECONDS = 600
#: How long a check that the stored records are unchanged holds (newly ingested events show
#: on the map at most this many seconds later).
VERSION_SECONDS = 5


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
    #: The areas computed, each on its own (None: no area loaded, one study area round every
    #: event), and the one the map opens on.
    units: list | None = None
    opens_on: object | None = None
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
        "areas": sorted({a for a in cells["area_id"] if a is not None}),
        "events": int(len(current)),
        "previous_events": int(len(previous)),
        "events_by_kind": {k: int((current["kind"] == k).sum()) for k in choice.kinds},
        "cells": int(len(cells)),
        "classes": {c: int((cells["hotspot_class"] == c).sum()) for c in hotspot_analysis.CLASSES},
        "concern_classes": {c: int((cells["concern_class"] == c).sum()) for c in hotspot_analysis.CLASSES},
        "cells_of_concern": int(cells["rank"].notna().sum()),
        "trends": {t: int((cells["trend"] == t).sum()) for t in hotspot_analysis.TRENDS},
    }


class InProgress(Exception):
    """The layer asked for is being worked out by another thread (the warm-up, or another
    request), or the warm-up is about to: ``since`` is when that work began (local time)."""

    def __init__(self, since: datetime):
        super().__init__(f"being worked out since {since:%H:%M}")
        self.since = since


class LayerCache:
    r"""Computed layers of one app, by choice and by the version of the stored records.

    A layer is computed once however many people ask for it at the same moment (the others
    wait for it), in whichever worker process asked first when ``shared`` is given (the others
    read what it wrote), then reused while the records keep their version, for at most
    :data:`CACHE_SECONDS`. The warm-up :meth:`queue`\ s the layers it is going to work out, so
    a page asking for one of them can say so at once instead of waiting (``wait``).
    """

    def __init__(self):
        self._layers: dict[tuple, tuple[float, Layer]] = {}
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Lock] = {}
        self._started: dict[tuple, datetime] = {}
        self._queued: dict[Choice, datetime] = {}
        self._version: tuple[float, tuple] | None = None
        self._areas: tuple[tuple, list] | None = None

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

    def get_areas(self, version: tuple, read) -> list:
        """The loaded areas while the records keep ``version``."""
        with self._lock:
            if self._areas and self._areas[0] == version:
                return self._areas[1]
        areas = read()
        with self._lock:
            self._areas = (version, areas)
        return areas

    def queue(self, choices, since: datetime) -> None:
        """The warm-up is going to work these layers out, from ``since``."""
        with self._lock:
            for choice in choices:
                self._queued[choice] = since

    def done(self, choice: Choice) -> None:
        """The warm-up has worked ``choice`` out (or given up on it)."""
        with self._lock:
            self._queued.pop(choice, None)

    def get(self, choice: Choice, version: tuple, build, wait: float | None = None,
            shared: shared_results.SharedResults | None = None) -> Layer:
        """The layer, computed by this thread when no other is computing it (nor, given
        ``shared``, another process). ``wait``: at most this many seconds for a layer another
        thread or process is computing or the warm-up has queued, then :class:`InProgress`
        (None: as long as it takes)."""
        key = (choice, version)
        with self._lock:
            hit = self._fresh(key)
            if hit is not None:
                return hit
            queued, other = self._queued.get(choice), self._computing.get(key)
            since = self._started.get(key, queued)
        if wait is not None and (other is not None or queued is not None):
            if other is None or not other.acquire(timeout=wait):
                raise InProgress(since)
            other.release()
        with self._lock:
            hit = self._fresh(key)
            if hit is not None:
                return hit
            computing = self._computing.setdefault(key, threading.Lock())
            self._started.setdefault(key, datetime.now())
        with computing:
            with self._lock:
                hit = self._fresh(key)
                if hit is not None:
                    return hit
            try:
                layer = _built(choice, version, build, wait, shared)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
                    self._started.pop(key, None)
            with self._lock:
                now = time.monotonic()
                for old in [k for k, (at, _) in self._layers.items() if now - at >= CACHE_SECONDS or k[1] != version]:
                    self._layers.pop(old, None)
                self._layers[key] = (now, layer)
            return layer

    def _fresh(self, key: tuple) -> Layer | None:
        hit = self._layers.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < CACHE_SECONDS else None


def _built(choice: Choice, version: tuple, build, wait: float | None,
           shared: shared_results.SharedResults | None) -> Layer:
    """``build(choice)``, or what another worker process has built for the same version."""
    if shared is None:
        return build(choice)
    try:
        return shared.get(("hot spot layer", choice, version), lambda: build(choice), wait=wait,
                          fresh_for=CACHE_SECONDS)
    except shared_results.Busy as busy:
        raise InProgress(busy.since) from None


def _version() -> tuple:
    cache = current_app.extensions["hotspot_layers"]
    return cache.version(lambda: tuple(get_db().read("web/hotspots/version")[0].values()))


def compute(choice: Choice, wait: float | None = None) -> Layer:
    """The layer for ``choice``, from this app's :class:`LayerCache`; ``wait``: see
    :meth:`LayerCache.get` (:class:`InProgress` when it is still being worked out)."""
    cache = current_app.extensions["hotspot_layers"]
    return cache.get(choice, _version(), _compute, wait=wait, shared=shared_results.of(current_app))


def _compute(choice: Choice) -> Layer:
    days = (choice.end - choice.start).days + 1
    db = get_db()
    areas = loaded_areas()
    # (an area unloaded since it was chosen: each council on its own)
    chosen = next((a for a in areas if a.area_id == choice.area), None)
    units = hotspot_analysis.analysis_units(areas, chosen)
    events = hotspot_analysis.fetch_events(db, choice.kinds, choice.start - timedelta(days=days), choice.end)
    concern = hotspot_analysis.fetch_concern_events(db, choice.kinds, choice.start, choice.end)
    if choice.partner:
        events = disclosure.shareable_events(events)
        concern = disclosure.shareable_events(concern)
    # Each area on its own: the events outside every area computed are left out. Concern is
    # counted into the same cells; the rank (1 = of most concern) orders the layer.
    computed = hotspot_analysis.window_layer(events, concern, choice.start, choice.end, float(choice.cell), units=units)
    current, previous = computed.current, computed.previous
    opens_on = chosen if chosen is not None and len(units or ()) == 1 else computed.area_of_most_concern()
    if computed.cells is None:
        layer = Layer(choice, None, _summary(choice, current, previous, None), units=units, opens_on=opens_on)
    else:
        cells = computed.cells.to_crs(hotspot_analysis.WGS84)
        layer = Layer(choice, cells, _summary(choice, current, previous, cells), heat=current,
                      found=current[(current["kind"] == "missing").to_numpy()], units=units, opens_on=opens_on)
    if not choice.partner:
        return layer
    # Everything a partner's layer keeps comes from the disclosure rules; the events go. The
    # order is made again from what a partner may see, so it tells nothing a withheld count hides.
    cells = None if layer.empty else disclosure.cells(layer.cells)
    if cells is not None:
        cells["rank"] = hotspot_analysis.ranks(cells)
    heat = None if cells is None else disclosure.heat_points(cells)
    return Layer(choice, cells, disclosure.summary(layer.summary_figures),
                 heat=heat if heat is not None and len(heat) else None, units=units, opens_on=opens_on)


def loaded_areas() -> list:
    """The loaded areas (analysis masks), read again when the stored records change."""
    cache = current_app.extensions["hotspot_layers"]
    return cache.get_areas(_version(), lambda: hotspot_analysis.loaded_areas(get_db()))


def init_app(app) -> None:
    app.extensions["hotspot_layers"] = LayerCache()
