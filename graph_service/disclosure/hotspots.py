"""A partner's hot spot layer: which events it may count, its cells with small counts withheld,
its summary, its heat surface and places, and where a place with a withheld count is shown."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Transformer

from graph_service.disclosure.rules import (
    CELL_FIGURES,
    CELL_TOTALS,
    HANDLING_CODES,
    MIN_CELL,
    PRIVATE_CATEGORIES,
    SUPPRESS_BELOW,
    figure,
    text,
)

_BNG = "EPSG:27700"
_TO_GRID = Transformer.from_crs(4326, _BNG, always_xy=True)
_FROM_GRID = Transformer.from_crs(_BNG, 4326, always_xy=True)


def shareable_events(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The events a partner's layer may count: children found after missing episodes and
    places named in code P intelligence, never at a home address."""
    kind_ok = (events["kind"] == "missing") | ((events["kind"] == "intel")
                                               & events["handling_code"].isin(HANDLING_CODES))
    not_home = ~events["category"].isin(PRIVATE_CATEGORIES)
    return events[(kind_ok & not_home).to_numpy()]


def cells(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A partner's copy of a layer's cells: every count below SUPPRESS_BELOW and the weighted
    value that goes with it withheld (nullable columns, ``<NA>``)."""
    frame = frame.copy()
    for count, derived in CELL_FIGURES.items():
        if count not in frame.columns:
            continue
        raw = frame[count].to_numpy()
        hide = (raw > 0) & (raw < SUPPRESS_BELOW)
        frame[count] = pd.array(raw.astype("int64"), dtype="Int64")
        frame.loc[hide, count] = pd.NA
        for column in derived:
            if column in frame.columns:
                frame[column] = pd.array(frame[column].to_numpy(dtype=float), dtype="Float64")
                frame.loc[hide, column] = pd.NA
    for total, parts in CELL_TOTALS.items():
        if total not in frame.columns:
            continue
        hide = np.zeros(len(frame), dtype=bool)
        for part in parts:
            if part in frame.columns:
                hide |= frame[part].isna().to_numpy()
        frame.loc[hide, total] = pd.NA
        for column in CELL_FIGURES[total]:
            if column in frame.columns:
                frame.loc[hide, column] = pd.NA
    return frame


def cells_as_text(frame: gpd.GeoDataFrame, columns: Iterable[str]) -> gpd.GeoDataFrame:
    """``columns`` of a partner's cells as the words a map's tooltip shows ("fewer than 3")."""
    frame = frame.copy()
    for column in columns:
        frame[column] = [text(None if pd.isna(v) else round(float(v), 2) if column.startswith("value") else int(v))
                         for v in frame[column]]
    return frame


def summary(totals: Mapping) -> dict:
    """A layer's summary as a partner may see it: event totals withheld when small. Counts of
    cells (how many are hot) are counts of places, not of events, and stay.

    ``events_by_kind`` is given only when every kind's count can be shown: with one kind
    withheld, the total minus the others would give it away, so the breakdown is withheld
    whole (``None``).

    >>> summary({"events": 14, "events_by_kind": {"missing": 2, "intel": 12}})
    {'events': 14, 'events_by_kind': None}
    """
    shown = dict(totals)
    for key in ("events", "previous_events"):
        if key in shown:
            shown[key] = figure(shown[key])
    if "events_by_kind" in shown:
        by_kind = {k: figure(v) for k, v in shown["events_by_kind"].items()}
        shown["events_by_kind"] = None if None in by_kind.values() and len(by_kind) > 1 else by_kind
    return shown


def heat_points(partner_cells: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """What a partner's heat surface is drawn from: the centre of each cell holding at least
    SUPPRESS_BELOW events, weighted by the cell's value. A peak then always stands over
    several events; an empty frame when no cell has enough."""
    enough = partner_cells[partner_cells["count"].fillna(0).to_numpy() >= SUPPRESS_BELOW]
    centres = enough.to_crs(_BNG).geometry.centroid
    return gpd.GeoDataFrame({"weight": enough["value"].to_numpy(dtype=float)}, geometry=centres.to_numpy(), crs=_BNG)


def places_of_concern(locations: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Locations of concern (hotels, takeaways...) for a partner's map: named and placed, but
    without how many children were found or sightings made there, and never a home."""
    locations = locations[~locations["category"].isin(PRIVATE_CATEGORIES).to_numpy()]
    return locations.drop(columns=[c for c in ("missing_found", "sightings") if c in locations.columns])


# -- places ---------------------------------------------------------------------------------

def snapped(lat: float | None, lon: float | None) -> tuple[float | None, float | None]:
    """The centre of the MIN_CELL national-grid cell holding a place (WGS84, 5 decimals): where
    a place with a withheld count is shown.

    >>> snapped(53.3860, -1.4650) != (53.386, -1.465)
    True
    """
    if lat is None or lon is None:
        return None, None
    x, y = _TO_GRID.transform(lon, lat)
    cx, cy = (math.floor(x / MIN_CELL) + 0.5) * MIN_CELL, (math.floor(y / MIN_CELL) + 0.5) * MIN_CELL
    clon, clat = _FROM_GRID.transform(cx, cy)
    return round(clat, 5), round(clon, 5)
