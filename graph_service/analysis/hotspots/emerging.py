"""Emerging hot spots: a time window's hot spots against the window before it, cell by cell."""

from __future__ import annotations

from datetime import date, timedelta

import geopandas as gpd
import numpy as np
import pandas as pd

from graph_service.analysis.hotspots.gi_star import GiStar, _with_statistic
from graph_service.analysis.hotspots.grid import Grid, aggregate
from graph_service.analysis.hotspots.points import HotspotError, to_bng

#: Trends of a cell between a time window and the one before it.
TRENDS = ("new", "intensifying", "persistent", "diminishing")

class EmergingHotspots:
    """Hot spots of a time window compared with the window before it, cell by cell.

    Both windows are counted into the same grid, so a cell means the same place in both: the
    rectangle round both windows' events, or ``grid`` when given (e.g. a
    :class:`~graph_service.analysis.hotspots.mask.MaskedGrid`, the cells of one area).

    Attributes
    ----------
    grid : Grid
    current, previous : GiStar
        the statistic in each window
    trend : array of str
        ``new`` (hot now, not before), ``intensifying`` (hot in both, with a higher z-score
        and more events now), ``persistent`` (hot in both, not intensifying), ``diminishing``
        (hot before, not now), or ``""``
    frame : GeoDataFrame
        every cell (EPSG:27700) with ``count``, ``value``, ``gi_z``, ``p``, ``p_fdr``,
        ``hotspot_class`` for the current window, the same with ``_before`` for the previous
        one, and ``trend``
    """

    def __init__(self, current: gpd.GeoDataFrame, previous: gpd.GeoDataFrame, cell_size: float = 250.0,
                 shape: str = "square", weight: str | None = None, grid: Grid | None = None):
        current, previous = to_bng(current), to_bng(previous)
        if len(current) == 0:
            raise HotspotError("no events in the current window")
        if grid is None:
            both = current.geometry if len(previous) == 0 else pd.concat([current.geometry, previous.geometry])
            grid = Grid.covering(both.total_bounds, cell_size, shape)
        self.grid = grid
        w = self.grid.weights()
        now = aggregate(current, self.grid, weight)
        before = aggregate(previous, self.grid, weight)
        self.current = GiStar(now["value"].to_numpy(), w)
        self.previous = GiStar(before["value"].to_numpy(), w)
        hot_now, hot_before = self.current.hot, self.previous.hot
        rising = (self.current.z > self.previous.z) & (now["value"].to_numpy() > before["value"].to_numpy())
        trend = np.full(len(self.grid), "", dtype=object)
        trend[hot_now & ~hot_before] = "new"
        trend[hot_now & hot_before] = "persistent"
        trend[hot_now & hot_before & rising] = "intensifying"
        trend[~hot_now & hot_before] = "diminishing"
        self.trend = trend
        frame = _with_statistic(now, self.current)
        for column in ("count", "value"):
            frame[f"{column}_before"] = before[column].to_numpy()
        frame["gi_z_before"] = self.previous.z
        frame["p_fdr_before"] = self.previous.p_fdr
        frame["hotspot_class_before"] = self.previous.hotspot_class
        frame["trend"] = trend
        self.frame = frame


def windows(events: pd.DataFrame, start: date, end: date, column: str = "on") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split ``events`` into the window ``start``..``end`` (inclusive) and the window of the
    same length just before it, by the day in ``column`` (dates; undated events fall in neither).

    >>> events = pd.DataFrame({"on": [date(2026, 9, 30), date(2026, 10, 1), date(2026, 8, 31), None]})
    >>> [len(w) for w in windows(events, date(2026, 10, 1), date(2026, 10, 31))]
    [1, 2]
    """
    if end < start:
        raise HotspotError(f"the window ends ({end}) before it starts ({start})")
    days = (end - start).days + 1

    def within(first: date, last: date) -> pd.Series:
        return events[column].map(lambda d: isinstance(d, date) and first <= d <= last).astype(bool)

    return events[within(start, end)], events[within(start - timedelta(days=days), start - timedelta(days=1))]

