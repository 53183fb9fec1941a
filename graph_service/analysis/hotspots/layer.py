"""The hot spot layer of a time window within areas: each area computed on its own, the cells
then ranked by concern together.

For each area (:func:`~graph_service.analysis.hotspots.mask.analysis_units`) only the events
and signs of concern inside it are kept, counted into the cells that meet it, and tested with
Gi* against that area alone; the window before is counted into the same cells for the trends.
The areas' cells are then put side by side and ranked (1 = of most concern) by each cell's
own concern value, which does not depend on the study area; the classes (hot spot at 99%...)
do, and are each area's own.

For example (it needs a database; ``tests/test_hotspots_area.py`` makes the same calls)::

    areas = loaded_areas(db)
    units = analysis_units(areas, find_area(areas, "Swinbrook Borough Council"))
    layer = window_layer(fetch_events(db, KINDS, start - timedelta(days=90), end),
                         fetch_concern_events(db, KINDS, start, end), start, end, units=units)
    layer.cells.sort_values("rank").head(20)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd

from graph_service.analysis.hotspots.concern import rank_cells, ranks
from graph_service.analysis.hotspots.emerging import EmergingHotspots, windows
from graph_service.analysis.hotspots.gi_star import grid_hotspots
from graph_service.analysis.hotspots.grid import Grid
from graph_service.analysis.hotspots.mask import Area, MaskedGrid, within
from graph_service.analysis.hotspots.points import to_bng


@dataclass
class WindowLayer:
    """What :func:`window_layer` computed.

    ``cells``: every cell of every area computed (British National Grid), with ``area_id``
    (``None`` without areas), the activity's statistic, the trend (with a window) and the
    concern columns and ``rank`` of :func:`rank_cells`; ``None`` when no area held an event of
    the window. ``current`` and ``previous``: the events of the window and of the one before
    that the areas hold (the others were left out). ``units``: the areas computed, each on its
    own (``None``: one study area round every event).
    """

    cells: gpd.GeoDataFrame | None
    current: gpd.GeoDataFrame
    previous: gpd.GeoDataFrame
    units: list[Area] | None

    @property
    def computed(self) -> list[Area]:
        """The areas that held an event of the window (a layer each)."""
        if self.cells is None or self.units is None:
            return []
        present = set(self.cells["area_id"])
        return [u for u in self.units if u.area_id in present]

    def area_of_most_concern(self) -> Area | None:
        """The area holding the cell ranked 1, else the first area computed."""
        computed = self.computed
        if not computed:
            return None
        ranked = self.cells[self.cells["rank"].notna().to_numpy()]
        if len(ranked):
            top = ranked.loc[ranked["rank"].astype(int).idxmin(), "area_id"]
            return next(u for u in computed if u.area_id == top)
        return computed[0]


def window_layer(events: gpd.GeoDataFrame, concern: gpd.GeoDataFrame, start: date | None, end: date | None,
                 cell_size: float = 250.0, shape: str = "square", units: list[Area] | None = None,
                 weight: str | None = "weight") -> WindowLayer:
    """Hot spots of the window ``start``..``end`` (and the window of the same length before it,
    for trends) within each of ``units`` on its own, ranked by concern together.

    ``events``: activity of both windows (points with a date ``on``); ``concern``: the signs of
    concern of the window (:func:`~graph_service.analysis.hotspots.stored.fetch_concern_events`).
    With ``start`` None every event counts and there are no trends. ``units`` None: one study
    area, the rectangle round every event (what to do when no area is loaded).
    """
    if start is None:
        current, previous = events, events.iloc[0:0]
    else:
        current, previous = windows(events, start, end)
    if units is None:
        parts = [_one(current, previous, concern, start, None, cell_size, shape, weight)] if len(current) else []
        kept_now, kept_before = current, previous
    else:
        parts, now, before = [], [], []
        for unit in units:
            inside = within(current, unit)
            if not len(inside):
                continue
            earlier = within(previous, unit)
            now.append(inside)
            before.append(earlier)
            parts.append(_one(inside, earlier, within(concern, unit), start, unit, cell_size, shape, weight))
        kept_now = _joined(now, current)
        kept_before = _joined(before, previous)
    if not parts:
        return WindowLayer(None, kept_now, kept_before, units)
    cells = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)
    cells["rank"] = ranks(cells)
    return WindowLayer(gpd.GeoDataFrame(cells, geometry="geometry", crs=parts[0].crs), kept_now, kept_before, units)


def _one(current, previous, concern, start, unit: Area | None, cell_size, shape, weight) -> gpd.GeoDataFrame:
    """One study area's ranked cells: the area's cells, or the rectangle round the events."""
    if unit is not None:
        grid = MaskedGrid.over(unit, cell_size, shape)
    elif start is None:
        grid = Grid.covering(to_bng(current).total_bounds, cell_size, shape)
    else:
        grid = None
    if start is None:
        cells = grid_hotspots(current, cell_size, shape, weight=weight, grid=grid)
    else:
        emerging = EmergingHotspots(current, previous, cell_size, shape, weight=weight, grid=grid)
        cells, grid = emerging.frame, emerging.grid
    ranked = rank_cells(cells, grid, concern)
    ranked.insert(1, "area_id", None if unit is None else unit.area_id)
    return ranked


def _joined(parts: list[gpd.GeoDataFrame], empty: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return pd.concat(parts) if parts else empty.iloc[0:0]
