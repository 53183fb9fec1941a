"""Events into points on the British National Grid, checked, with their weights."""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass
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
#: From this many points, projected through a lattice of PROJ's answers (see ``_project``).
_LATTICE_FROM = 200_000
_LATTICE_STEP = 0.005  # degrees: about 330 m east-west by 560 m north-south in Great Britain
_CHUNK = 262_144


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
    if points.crs.to_epsg() != 27700 and _all_points(points):
        x, y = bng_xy(points)
        return points.set_geometry(gpd.points_from_xy(x, y, crs=BNG), crs=BNG)
    projected = points if points.crs.to_epsg() == 27700 else points.to_crs(BNG)
    _check_in_gb(shapely.get_x(projected.geometry.values), shapely.get_y(projected.geometry.values))
    return projected


def bng_xy(points: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Eastings and northings of ``points`` (all points) on the British National Grid, checked.

    The same numbers as ``to_bng`` without making a shapely point for each event: for millions
    of events the geometries cost more than the statistics.

    >>> pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy([-2.24], [53.48]), crs=WGS84)
    >>> x, y = bng_xy(pts)
    >>> round(x[0]), round(y[0])
    (384170, 398169)
    """
    if points.crs is None:
        raise HotspotError("the points have no coordinate reference system: say which one they are in")
    x, y = _xy(points)
    if points.crs.to_epsg() != 27700:
        x, y = _project(x, y, points.crs)
    _check_in_gb(x, y)
    return x, y


def _project(x: np.ndarray, y: np.ndarray, crs) -> tuple[np.ndarray, np.ndarray]:
    """PROJ's answer for each point; for millions of points, read off a lattice PROJ projected.

    Projecting one point to the national grid costs PROJ about a microsecond (a datum shift
    through earth-centred coordinates, then the Transverse Mercator), which is most of a
    Gi* over ten million events. The projection is smooth, so for many points we ask PROJ for
    the corners of a fine lattice over them (every ``_LATTICE_STEP`` degrees) and interpolate
    each point bilinearly inside its lattice cell: within a centimetre of PROJ's own answer
    across Great Britain (tested), where the Helmert datum shift PROJ applies is itself good to
    a few metres and a cell is 250 m. (Offshore, past the datum shift's area of use, PROJ
    falls back to a rougher transformation about 130 m away; a lattice cell across that line
    blends the two. Events happen on land.)
    """
    transformer = _transformer_to_bng(crs)
    x, y = np.array(x, dtype=float), np.array(y, dtype=float)  # copies: the caller's stay as they were
    lattice = _Lattice.over(x, y, transformer) if len(x) >= _LATTICE_FROM and crs.is_geographic else None
    if lattice is None:
        transformer.transform(x, y, inplace=True)
        return x, y
    return _in_parts(lattice.interpolate, x, y)


@functools.lru_cache(maxsize=16)
def _transformer_to_bng(crs):
    """PROJ's transformation from ``crs`` to the national grid, as geopandas' ``to_crs`` makes it.

    Kept: making one costs PROJ about 70 ms, and a problem profile projects its events
    eighteen times. A kept transformer is safe across threads (pyproj 3.1 and later).
    """
    from pyproj import Transformer

    return Transformer.from_crs(crs, BNG, always_xy=True)


@dataclass(frozen=True)
class _Lattice:
    """Eastings and northings PROJ gave for a regular lattice of longitudes and latitudes,
    kept as each lattice cell's bilinear coefficients (one row of 8 numbers a cell, so a point
    reads one row instead of eight scattered corners)."""

    lon0: float
    lat0: float
    n_lon: int
    coefficients: np.ndarray  # (cells, 8): east a, b, c, d then north a, b, c, d

    @classmethod
    def over(cls, lon: np.ndarray, lat: np.ndarray, transformer) -> "_Lattice | None":
        """The lattice covering the points, or None where it would not pay (or not apply)."""
        if not (np.isfinite(lon).all() and np.isfinite(lat).all()):
            return None
        step = _LATTICE_STEP
        lon0, lat0 = math.floor(lon.min() / step) * step, math.floor(lat.min() / step) * step
        n_lon = int((lon.max() - lon0) // step) + 3  # one spare: division may round up
        n_lat = int((lat.max() - lat0) // step) + 3
        if n_lon * n_lat * 8 > len(lon) or abs(lat0) > 80 or abs(lat0 + n_lat * step) > 80:
            return None  # spread so wide (or swapped) that projecting each point is cheaper
        grid_lon, grid_lat = np.meshgrid(lon0 + step * np.arange(n_lon), lat0 + step * np.arange(n_lat))
        east, north = (np.asarray(v).reshape(n_lat, n_lon) for v in transformer.transform(grid_lon, grid_lat))
        columns = []
        for v in (east, north):
            v00, v10, v01, v11 = v[:-1, :-1], v[:-1, 1:], v[1:, :-1], v[1:, 1:]
            columns += [v00, v10 - v00, v01 - v00, v11 - v10 - v01 + v00]
        return cls(lon0, lat0, n_lon - 1, np.stack([c.ravel() for c in columns], axis=1))

    def interpolate(self, lon: np.ndarray, lat: np.ndarray) -> None:
        """Replace ``lon`` and ``lat`` (in place) with eastings and northings."""
        for part in range(0, len(lon), _CHUNK):  # keeps the gathered rows small
            x, y = lon[part:part + _CHUNK], lat[part:part + _CHUNK]
            fx = (x - self.lon0) / _LATTICE_STEP
            fy = (y - self.lat0) / _LATTICE_STEP
            i, j = fx.astype(np.int64), fy.astype(np.int64)
            fx -= i
            fy -= j
            c = self.coefficients[j * self.n_lon + i]
            fxy = fx * fy
            x[:] = c[:, 0] + c[:, 1] * fx + c[:, 2] * fy + c[:, 3] * fxy
            y[:] = c[:, 4] + c[:, 5] * fx + c[:, 6] * fy + c[:, 7] * fxy


def _in_parts(work, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``work(x_part, y_part)`` over slices in one thread a core (numpy lets go of Python's
    lock in its loops), writing into ``x`` and ``y``."""
    from concurrent.futures import ThreadPoolExecutor

    workers = min(len(os.sched_getaffinity(0)), 8)
    bounds = np.linspace(0, len(x), workers + 1).astype(int)
    parts = [slice(a, b) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda part: work(x[part], y[part]), parts))
    return x, y


def _check_in_gb(x: np.ndarray, y: np.ndarray) -> None:
    xmin, ymin, xmax, ymax = _GB_EXTENT
    outside = np.flatnonzero(~((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)))
    if len(outside):
        raise HotspotError(
            f"{len(outside)} point(s) lie outside Great Britain, which the British National Grid covers "
            "(are latitude and longitude swapped?)", rows=outside,
        )


def _all_points(points: gpd.GeoDataFrame) -> bool:
    return not (shapely.get_type_id(points.geometry.values) != 0).any()


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

