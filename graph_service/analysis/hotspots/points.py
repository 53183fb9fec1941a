"""Events into points on the British National Grid, checked, with their weights."""

from __future__ import annotations

import math
from typing import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

BNG = "EPSG:27700"  # British National Grid: metres, the grid UK police and councils map in
WGS84 = "EPSG:4326"  # longitude/latitude, as intake files and web maps carry them

# Great Britain on the national grid, with a margin: a point outside it is almost always a
# swapped latitude/longitude, or a place outside the force area's country.
_GB_EXTENT = (-100_000.0, -100_000.0, 800_000.0, 1_400_000.0)


class HotspotError(ValueError):
    """An input the hotspot analysis cannot use.

    ``field`` names the column at fault and ``rows`` the positions (0-based) of the bad rows,
    so a caller can point at the file's lines or features.
    """

    def __init__(self, reason: str, field: str | None = None, rows: Sequence[int] = ()):
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.rows = list(rows)


def points_from_lonlat(frame: pd.DataFrame, lon: str = "lon", lat: str = "lat") -> gpd.GeoDataFrame:
    """Points in WGS84 from longitude and latitude columns; every other column is kept.

    >>> points_from_lonlat(pd.DataFrame({"lat": [53.48], "lon": [-2.24]})).crs.to_epsg()
    4326
    """
    for name in (lat, lon):
        if name not in frame.columns:
            raise HotspotError(f"no {name!r} column (columns: {', '.join(map(str, frame.columns))})", field=name)
    values = {}
    for name, limit in ((lat, 90.0), (lon, 180.0)):
        column = pd.to_numeric(frame[name], errors="coerce")
        bad = np.flatnonzero(column.isna().to_numpy())
        if len(bad):
            raise HotspotError(_not_a_number(frame[name].iloc[bad[0]]), field=name, rows=bad)
        outside = np.flatnonzero((column.abs() > limit).to_numpy())
        if len(outside):
            raise HotspotError(f"{column.iloc[outside[0]]} is outside -{limit:g}..{limit:g}", field=name, rows=outside)
        values[name] = column.to_numpy(dtype=float)
    geometry = gpd.points_from_xy(values[lon], values[lat], crs=WGS84)
    return gpd.GeoDataFrame(frame.drop(columns=[lat, lon]), geometry=geometry, crs=WGS84)


def _not_a_number(raw) -> str:
    if raw is None or (isinstance(raw, float) and math.isnan(raw)) or (isinstance(raw, str) and not raw.strip()):
        return "is empty"
    return f"{raw!r} is not a number"


def to_bng(points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``points`` on the British National Grid, checked to lie in Great Britain."""
    if points.crs is None:
        raise HotspotError("the points have no coordinate reference system: say which one they are in")
    if len(points) == 0:
        return points.to_crs(BNG)
    projected = points if points.crs.to_epsg() == 27700 else points.to_crs(BNG)
    x, y = shapely.get_x(projected.geometry.values), shapely.get_y(projected.geometry.values)
    xmin, ymin, xmax, ymax = _GB_EXTENT
    outside = np.flatnonzero(~((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)))
    if len(outside):
        raise HotspotError(
            f"{len(outside)} point(s) lie outside Great Britain, which the British National Grid covers "
            "(are latitude and longitude swapped?)", rows=outside,
        )
    return projected


def _xy(points: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    kinds = set(shapely.get_type_id(points.geometry.values).tolist())
    if kinds - {0}:  # 0: Point
        raise HotspotError("every geometry must be a point")
    return shapely.get_x(points.geometry.values), shapely.get_y(points.geometry.values)


def _weights(points: pd.DataFrame, weight: str | None) -> np.ndarray | None:
    if weight is None:
        return None
    if weight not in points.columns:
        raise HotspotError(f"no {weight!r} column (columns: {', '.join(map(str, points.columns))})", field=weight)
    values = pd.to_numeric(points[weight], errors="coerce")
    bad = np.flatnonzero(values.isna().to_numpy())
    if len(bad):
        raise HotspotError(_not_a_number(points[weight].iloc[bad[0]]), field=weight, rows=bad)
    negative = np.flatnonzero((values < 0).to_numpy())
    if len(negative):
        raise HotspotError(f"{values.iloc[negative[0]]} is below zero; weights count events", field=weight, rows=negative)
    return values.to_numpy(dtype=float)

