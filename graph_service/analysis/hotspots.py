"""Where harm concentrates: Getis-Ord Gi* hot spots, kernel density, emerging hot spots.

Events with a place (missing-episode found locations, sightings, locations named in
intelligence) become points on the British National Grid (EPSG:27700), so cells and
bandwidths are in metres. Points are counted into square cells or hexagons; Getis-Ord Gi*
(computed by :class:`esda.G_Local`, never re-derived here) compares each cell and its
neighbours with the whole study area; a Benjamini-Hochberg false-discovery-rate correction
keeps the many tests (one per cell) from flagging chance clusters; each cell is then a hot or
cold spot at 99, 95 or 90% confidence, or not significant.

>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> points = gpd.GeoDataFrame(geometry=[Point(430000 + (i % 7) * 20, 290000 + i) for i in range(60)]
...                           + [Point(430000 + 250 * i, 291500 + 170 * (i % 9)) for i in range(40)],
...                           crs=BNG)
>>> cells = grid_hotspots(points, cell_size=250)
>>> cells.loc[cells["count"].idxmax(), "hotspot_class"]
'hot_99'

References: Getis, A. and Ord, J. K. (1992), The analysis of spatial association by use of
distance statistics, Geographical Analysis 24(3); Ord, J. K. and Getis, A. (1995), Local
spatial autocorrelation statistics, Geographical Analysis 27(4); Benjamini, Y. and Hochberg,
Y. (1995), Controlling the false discovery rate, JRSS B 57(1); Wand, M. P. (1994), Fast
computation of multivariate kernel estimators, JCGS 3(4).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Iterable, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from graph_service.grading import RECORDED_FACT, UNGRADED, grade_weight
from graph_service.vocabulary import HOTSPOT_PLACE_CATEGORIES

if TYPE_CHECKING:
    from libpysal.graph import Graph

# esda, libpysal and scipy's statistics are imported where they are used: together they take
# seconds to import, and every graph-service command (and dashboard start) loads this module.

BNG = "EPSG:27700"  # British National Grid: metres, the grid UK police and councils map in
WGS84 = "EPSG:4326"  # longitude/latitude, as intake files and web maps carry them

#: Event kinds, as the CLI's ``--kinds`` names them.
KINDS = ("missing", "sighting", "intel")
#: Intelligence link relations that place something at a location as an event. ``lives_at``
#: is left out: where someone lives is not an occurrence there, and home addresses would
#: otherwise dominate every map.
EVENT_RELATIONS = ("seen_at", "frequents")

#: The old name of :data:`graph_service.vocabulary.HOTSPOT_PLACE_CATEGORIES`, kept until the
#: dashboard's hot-spot pages import the vocabulary themselves.
CONCERN_CATEGORIES = HOTSPOT_PLACE_CATEGORIES

#: Hot spot classes, hottest first.
CLASSES = ("hot_99", "hot_95", "hot_90", "not_significant", "cold_90", "cold_95", "cold_99")
LABELS = {
    "hot_99": "Hot spot, 99% confidence",
    "hot_95": "Hot spot, 95% confidence",
    "hot_90": "Hot spot, 90% confidence",
    "not_significant": "Not significant",
    "cold_90": "Cold spot, 90% confidence",
    "cold_95": "Cold spot, 95% confidence",
    "cold_99": "Cold spot, 99% confidence",
}
#: Confidence levels and the false-discovery-rate-adjusted p-value each needs.
LEVELS = ((99, 0.01), (95, 0.05), (90, 0.10))
#: Trends of a cell between a time window and the one before it.
TRENDS = ("new", "intensifying", "persistent", "diminishing")

#: More cells than this is almost always a cell size given in the wrong unit.
MAX_CELLS = 2_000_000

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


# -- events into points ---------------------------------------------------------------------

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


# -- cells ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Grid:
    """Square cells or hexagons over a rectangle, anchored to the grid's origin.

    Cells line up with multiples of ``cell_size`` on the national grid, so a cell keeps its
    ``cell_id`` from one run, or time window, to the next. For hexagons (pointy-top),
    ``cell_size`` is the distance between neighbouring centres (the width across flats).

    >>> grid = Grid.covering((430010.0, 290010.0, 430740.0, 290260.0), cell_size=250)
    >>> grid.n_cols, grid.n_rows, len(grid)
    (3, 2, 6)
    >>> grid.locate(np.array([430010.0]), np.array([290260.0])).tolist()
    [3]
    """

    shape: str
    cell_size: float
    col0: int
    row0: int
    n_cols: int
    n_rows: int
    crs: str | None = BNG

    @classmethod
    def covering(cls, bounds: Sequence[float], cell_size: float = 250.0, shape: str = "square",
                 crs: str | None = BNG, max_cells: int = MAX_CELLS) -> "Grid":
        """The smallest grid whose cells cover ``bounds`` (xmin, ymin, xmax, ymax)."""
        if shape not in ("square", "hex"):
            raise HotspotError(f"cell shape {shape!r}: use 'square' or 'hex'")
        if not (cell_size > 0 and math.isfinite(cell_size)):
            raise HotspotError(f"cell size {cell_size!r}: give a size in metres above zero")
        xmin, ymin, xmax, ymax = (float(b) for b in bounds)
        if shape == "square":
            col0, row0 = math.floor(xmin / cell_size), math.floor(ymin / cell_size)
            n_cols = math.floor(xmax / cell_size) - col0 + 1
            n_rows = math.floor(ymax / cell_size) - row0 + 1
        else:
            # One hexagon of margin on every side: a point's hexagon may reach past the
            # rectangle of centres its coordinates fall in.
            dx, dy = cell_size, cell_size * math.sqrt(3) / 2
            col0, row0 = math.floor(xmin / dx) - 1, math.floor(ymin / dy) - 1
            n_cols = math.ceil(xmax / dx) + 1 - col0 + 1
            n_rows = math.ceil(ymax / dy) + 1 - row0 + 1
        cells = n_cols * n_rows
        if cells > max_cells:
            raise HotspotError(
                f"the events span {(xmax - xmin) / 1000:.1f} km by {(ymax - ymin) / 1000:.1f} km: "
                f"{cells:,} cells of {cell_size:g} m, more than {max_cells:,}; use a larger cell size "
                "or a shorter list of places"
            )
        return cls(shape, float(cell_size), col0, row0, n_cols, n_rows, crs)

    def __len__(self) -> int:
        return self.n_cols * self.n_rows

    @property
    def _side(self) -> float:
        """Hexagon side (centre to corner)."""
        return self.cell_size / math.sqrt(3)

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index of the cell holding each point; -1 for a point outside the grid."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        if self.shape == "square":
            col = np.floor(x / self.cell_size).astype(np.int64)
            row = np.floor(y / self.cell_size).astype(np.int64)
        else:
            col, row = _hex_offset(x, y, self._side)
        col, row = col - self.col0, row - self.row0
        inside = (col >= 0) & (col < self.n_cols) & (row >= 0) & (row < self.n_rows)
        return np.where(inside, row * self.n_cols + col, -1)

    def _cols_rows(self) -> tuple[np.ndarray, np.ndarray]:
        rows, cols = np.divmod(np.arange(len(self)), self.n_cols)
        return cols + self.col0, rows + self.row0

    def centres(self) -> np.ndarray:
        """Cell centres, shape (cells, 2)."""
        col, row = self._cols_rows()
        if self.shape == "square":
            return np.column_stack([(col + 0.5) * self.cell_size, (row + 0.5) * self.cell_size])
        side = self._side
        x = side * math.sqrt(3) * (col + 0.5 * (row & 1))
        return np.column_stack([x, 1.5 * side * row])

    def polygons(self) -> np.ndarray:
        """Cell outlines as shapely polygons."""
        if self.shape == "square":
            col, row = self._cols_rows()
            size = self.cell_size
            return shapely.box(col * size, row * size, (col + 1) * size, (row + 1) * size)
        angles = np.radians(np.arange(30, 390, 60))  # pointy-top, closed ring
        ring = np.column_stack([np.cos(angles), np.sin(angles)]) * self._side
        return shapely.polygons(self.centres()[:, None, :] + ring[None, :, :])

    def cell_ids(self) -> np.ndarray:
        """Stable names: ``250m-E430000-N290000`` (lower-left corner) or ``hex250m-r7-c12``."""
        col, row = self._cols_rows()
        size = f"{self.cell_size:g}m"
        if self.shape == "square":
            east = pd.Series(col * self.cell_size).map("{:.0f}".format)
            north = pd.Series(row * self.cell_size).map("{:.0f}".format)
            return (f"{size}-E" + east + "-N" + north).to_numpy()
        return (f"hex{size}-r" + pd.Series(row).astype(str) + "-c" + pd.Series(col).astype(str)).to_numpy()

    def weights(self) -> Graph:
        """Binary weights joining each cell to the cells it touches (8 squares, 6 hexagons)."""
        import scipy.sparse as sparse
        from libpysal.graph import Graph
        from scipy.spatial import cKDTree

        # Neighbouring centres are 1 cell apart (hexagons, square edges) or sqrt(2) (square
        # corners); the next ring is at least sqrt(3) away, so 1.5 cells separates them.
        pairs = cKDTree(self.centres()).query_pairs(1.5 * self.cell_size, output_type="ndarray")
        focal = np.concatenate([pairs[:, 0], pairs[:, 1]])
        neighbour = np.concatenate([pairs[:, 1], pairs[:, 0]])
        n = len(self)
        matrix = sparse.csr_matrix((np.ones(len(focal)), (focal, neighbour)), shape=(n, n))
        return Graph.from_sparse(matrix)

    def frame(self) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame({"cell_id": self.cell_ids()}, geometry=self.polygons(), crs=self.crs)


def _hex_offset(x: np.ndarray, y: np.ndarray, side: float) -> tuple[np.ndarray, np.ndarray]:
    """Offset ("odd-r") column and row of the pointy-top hexagon holding each point."""
    q = (math.sqrt(3) / 3 * x - y / 3) / side
    r = (2 / 3 * y) / side
    # Round in cube coordinates: the component that moved most is recomputed from the others.
    cx, cz = q, r
    cy = -cx - cz
    rx, ry, rz = np.round(cx), np.round(cy), np.round(cz)
    dx, dy, dz = np.abs(rx - cx), np.abs(ry - cy), np.abs(rz - cz)
    fix_x = (dx > dy) & (dx > dz)
    fix_z = ~fix_x & (dz >= dy)
    rx = np.where(fix_x, -ry - rz, rx)
    rz = np.where(fix_z, -rx - ry, rz)
    row = rz.astype(np.int64)
    col = rx.astype(np.int64) + (row - (row & 1)) // 2
    return col, row


def aggregate(points: gpd.GeoDataFrame, grid: Grid, weight: str | None = None) -> gpd.GeoDataFrame:
    """Every cell of ``grid`` with the ``count`` of points in it and their summed ``value``
    (the ``weight`` column, or 1 a point). Empty cells are kept: they are part of the
    study area Gi* compares against."""
    x, y = _xy(points)
    cell = grid.locate(x, y)
    if (cell < 0).any():
        raise HotspotError("some points fall outside the grid", rows=np.flatnonzero(cell < 0))
    w = _weights(points, weight)
    cells = grid.frame()
    cells["count"] = np.bincount(cell, minlength=len(grid))
    cells["value"] = np.bincount(cell, weights=w, minlength=len(grid)) if w is not None else cells["count"].astype(float)
    return cells


# -- the statistic --------------------------------------------------------------------------

class GiStar:
    """Getis-Ord Gi* for every observation, with a false-discovery-rate correction.

    Parameters
    ----------
    y : array
        the value of each area or cell (counts, weighted counts, rates)
    w : libpysal.graph.Graph or libpysal.weights.W
        binary spatial weights aligned with ``y``; each observation is its own neighbour
        (the "star"), as :class:`esda.G_Local` does with ``star=True``

    Attributes
    ----------
    local : esda.G_Local
        the statistic as esda computes it (``transform="B"``, ``star=True``, analytical
        inference: permutations would add minutes on a large grid and nothing to a map)
    z : array
        Gi* z-scores (esda's ``Zs``); 0 where undefined, i.e. when every value is equal
    p : array
        two-sided p-values under the normal approximation
    p_fdr : array
        ``p`` adjusted by Benjamini-Hochberg (:func:`scipy.stats.false_discovery_control`)
    hotspot_class : array of str
        one of :data:`CLASSES` per observation

    >>> from libpysal.graph import Graph
    >>> from libpysal.weights import lat2SW
    >>> y = np.zeros(100); y[[44, 45, 54, 55]] = 9
    >>> gi = GiStar(y, Graph.from_sparse(lat2SW(10, 10, criterion="queen")))
    >>> gi.hotspot_class[44], gi.hotspot_class[0]
    ('hot_99', 'not_significant')
    """

    def __init__(self, y, w):
        import esda
        from scipy import stats

        self.y = np.asarray(y, dtype=float)
        self.w = w
        self.n = len(self.y)
        with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            self.local = esda.G_Local(self.y, w, transform="B", star=True, permutations=0)
        z = np.asarray(self.local.Zs, dtype=float)
        # All values equal (or no events at all): no cell differs from the rest.
        self.z = np.where(np.isfinite(z), z, 0.0)
        self.p = 2 * stats.norm.sf(np.abs(self.z))
        self.p_fdr = stats.false_discovery_control(self.p, method="bh") if self.n else self.p
        self.hotspot_class = classify(self.z, self.p_fdr)

    @property
    def hot(self) -> np.ndarray:
        """True where the observation is a hot spot at 90% confidence or more."""
        return np.char.startswith(self.hotspot_class.astype(str), "hot")

    def counts(self) -> dict[str, int]:
        """How many observations fall in each class, in :data:`CLASSES` order."""
        found = pd.Series(self.hotspot_class).value_counts()
        return {name: int(found.get(name, 0)) for name in CLASSES}


def classify(z: np.ndarray, p_fdr: np.ndarray) -> np.ndarray:
    """Hot/cold class at the strongest confidence level ``p_fdr`` reaches (:data:`LEVELS`).

    >>> classify(np.array([3.0, 2.0, -2.0, 0.5]), np.array([0.005, 0.08, 0.04, 0.6])).tolist()
    ['hot_99', 'hot_90', 'cold_95', 'not_significant']
    """
    z, p_fdr = np.asarray(z, dtype=float), np.asarray(p_fdr, dtype=float)
    out = np.full(len(z), "not_significant", dtype=object)
    for level, alpha in reversed(LEVELS):  # weakest first: stronger levels overwrite
        significant = p_fdr <= alpha
        out[significant & (z > 0)] = f"hot_{level}"
        out[significant & (z < 0)] = f"cold_{level}"
    return out


def _with_statistic(frame: gpd.GeoDataFrame, gi: GiStar) -> gpd.GeoDataFrame:
    frame = frame.copy()
    frame["gi_z"] = gi.z
    frame["p"] = gi.p
    frame["p_fdr"] = gi.p_fdr
    frame["hotspot_class"] = gi.hotspot_class
    return frame


def grid_hotspots(points: gpd.GeoDataFrame, cell_size: float = 250.0, shape: str = "square",
                  weight: str | None = None, grid: Grid | None = None) -> gpd.GeoDataFrame:
    """Gi* hot and cold spots of ``points`` counted into cells on the national grid.

    Returns every cell of the grid covering the points (empty cells too) in EPSG:27700 with
    ``cell_id``, ``count``, ``value``, ``gi_z``, ``p``, ``p_fdr`` and ``hotspot_class``.
    """
    points = to_bng(points)
    if len(points) == 0:
        raise HotspotError("no events to analyse")
    grid = grid or Grid.covering(points.total_bounds, cell_size, shape)
    cells = aggregate(points, grid, weight)
    return _with_statistic(cells, GiStar(cells["value"].to_numpy(), grid.weights()))


# -- areas with a value ---------------------------------------------------------------------

def area_weights(areas: gpd.GeoDataFrame, spec: str = "queen") -> Graph:
    """Binary weights from the areas' geometries as given: ``queen`` or ``rook`` contiguity,
    or ``knn:K`` (the K nearest centroids)."""
    from libpysal.graph import Graph

    n = len(areas)
    if n < 3:
        raise HotspotError(f"{n} area(s): Gi* needs at least 3 areas to compare")
    geometry = areas.geometry.reset_index(drop=True)
    if spec in ("queen", "rook"):
        graph = Graph.build_contiguity(geometry, rook=spec == "rook")
        isolated = list(graph.isolates)
        if len(isolated) == n:
            raise HotspotError(f"no two areas share a border under {spec} contiguity; use knn:K weights")
        if isolated:
            raise HotspotError(
                f"{len(isolated)} area(s) share no border with any other under {spec} contiguity, "
                "so Gi* cannot compare them with neighbours; use knn:K weights", rows=isolated,
            )
        return graph
    name, _, k = spec.partition(":")
    if name == "knn" and k.isdigit() and int(k) > 0:
        if int(k) >= n:
            raise HotspotError(f"knn:{k} needs more than {k} areas; there are {n}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # centroids of unprojected polygons
            centroids = geometry.centroid
        try:
            return Graph.build_knn(centroids, k=int(k))
        except ValueError as problem:  # coplanar centroids: which is nearest is undefined
            raise HotspotError(f"knn weights: {problem}") from None
    raise HotspotError(f"weights {spec!r}: use queen, rook or knn:K (K a whole number, e.g. knn:8)")


def polygon_hotspots(areas: gpd.GeoDataFrame, value: str, weights: str = "queen") -> gpd.GeoDataFrame:
    """Gi* of ``value`` over ``areas`` (e.g. counts per ward). Every input column is kept;
    ``gi_z``, ``p``, ``p_fdr`` and ``hotspot_class`` are added."""
    if len(areas) == 0:
        raise HotspotError("no areas in the input")
    if value not in areas.columns:
        columns = [str(c) for c in areas.columns if c != areas.geometry.name]
        raise HotspotError(f"no {value!r} column (columns: {', '.join(columns)})", field=value)
    raw = areas[value]
    y = pd.to_numeric(raw, errors="coerce")
    bad = np.flatnonzero(y.isna().to_numpy())
    if len(bad):
        raise HotspotError(_not_a_number(raw.iloc[bad[0]]), field=value, rows=bad)
    empty = np.flatnonzero(areas.geometry.is_empty.to_numpy() | areas.geometry.isna().to_numpy())
    if len(empty):
        raise HotspotError("no geometry", field=areas.geometry.name, rows=empty)
    return _with_statistic(areas, GiStar(y.to_numpy(dtype=float), area_weights(areas, weights)))


# -- heat -----------------------------------------------------------------------------------

class KernelDensity:
    """Gaussian kernel density of events on a regular raster: a heat surface.

    Points are binned onto a fine raster and smoothed with a Gaussian kernel of standard
    deviation ``bandwidth`` (a binned kernel estimator, Wand 1994): exact enough at a raster
    cell of a fifth of the bandwidth, and fast for millions of points.

    Attributes
    ----------
    density : 2-d array
        events per square kilometre; row 0 is the southern edge
    x0, y0 : float
        south-west corner of the raster (EPSG:27700)
    cell : float
        raster cell size in metres
    bandwidth : float
        kernel standard deviation in metres
    total : float
        the number (or summed weight) of the events

    >>> import geopandas as gpd
    >>> pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy([430000.0] * 10, [290000.0] * 10), crs=BNG)
    >>> kde = KernelDensity(pts, bandwidth=200)
    >>> round(float(kde.density.sum()) * (kde.cell / 1000) ** 2, 6)     # integrates to the 10 events
    10.0
    """

    def __init__(self, points: gpd.GeoDataFrame, bandwidth: float = 300.0, cell: float | None = None,
                 weight: str | None = None, max_cells: int = 4_000_000):
        from scipy import ndimage

        if not bandwidth > 0:
            raise HotspotError(f"bandwidth {bandwidth!r}: give metres above zero")
        points = to_bng(points)
        if len(points) == 0:
            raise HotspotError("no events to analyse")
        x, y = _xy(points)
        w = _weights(points, weight)
        self.bandwidth = float(bandwidth)
        self.cell = float(cell or bandwidth / 5)
        pad = 4 * self.bandwidth  # the kernel is cut at four standard deviations
        self.x0 = math.floor((x.min() - pad) / self.cell) * self.cell
        self.y0 = math.floor((y.min() - pad) / self.cell) * self.cell
        n_cols = math.ceil((x.max() + pad - self.x0) / self.cell) + 1
        n_rows = math.ceil((y.max() + pad - self.y0) / self.cell) + 1
        if n_cols * n_rows > max_cells:
            raise HotspotError(
                f"a {n_cols:,} by {n_rows:,} raster is too large for a heat surface; use a larger bandwidth"
            )
        counts, _, _ = np.histogram2d(
            y, x, bins=(n_rows, n_cols), weights=w,
            range=((self.y0, self.y0 + n_rows * self.cell), (self.x0, self.x0 + n_cols * self.cell)),
        )
        smoothed = ndimage.gaussian_filter(counts, sigma=self.bandwidth / self.cell, mode="constant", truncate=4.0)
        self.total = float(counts.sum())
        self.density = smoothed / (self.cell / 1000) ** 2
        self.crs = BNG

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        rows, cols = self.density.shape
        return self.x0, self.y0, self.x0 + cols * self.cell, self.y0 + rows * self.cell

    def at(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Density (events per km²) at points on the national grid, 0 outside the raster."""
        from scipy import ndimage

        cols = (np.asarray(x, dtype=float) - self.x0) / self.cell - 0.5
        rows = (np.asarray(y, dtype=float) - self.y0) / self.cell - 0.5
        return ndimage.map_coordinates(self.density, [rows, cols], order=1, mode="constant", cval=0.0)


# -- emerging hot spots ---------------------------------------------------------------------

class EmergingHotspots:
    """Hot spots of a time window compared with the window before it, cell by cell.

    Both windows are counted into the same grid, so a cell means the same place in both.

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
                 shape: str = "square", weight: str | None = None):
        current, previous = to_bng(current), to_bng(previous)
        if len(current) == 0:
            raise HotspotError("no events in the current window")
        both = current.geometry if len(previous) == 0 else pd.concat([current.geometry, previous.geometry])
        self.grid = Grid.covering(both.total_bounds, cell_size, shape)
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


# -- the stored intelligence ----------------------------------------------------------------

_EVENT_COLUMNS = ["kind", "event_id", "location_id", "category", "observed_at", "on", "weight", "handling_code"]


def fetch_events(db, kinds: Iterable[str] = KINDS, start: date | None = None, end: date | None = None,
                 relations: Sequence[str] = EVENT_RELATIONS) -> gpd.GeoDataFrame:
    """Events with a place from the store, in WGS84, filtered by kind and dates (inclusive).

    Each event counts by the grade of its evidence (``weight``, from the grading table):
    missing episodes and sightings are recorded facts; a location in intelligence weighs
    what its report's grades weigh, and an E-graded report (suspected false) is left out.
    """
    kinds = list(dict.fromkeys(kinds))
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise HotspotError(f"unknown event kind(s) {', '.join(unknown)}: use {', '.join(KINDS)}", field="kinds")
    window = {"from": start, "to": end}
    rows: list[dict] = []
    if "missing" in kinds:
        for row in db.read("hotspots/missing_found", **window):
            rows.append({**row, "weight": grade_weight(*RECORDED_FACT), "handling_code": None})
    if "sighting" in kinds:
        for row in db.read("hotspots/sightings", **window):
            rows.append({**row, "weight": grade_weight(*RECORDED_FACT), "handling_code": None})
    if "intel" in kinds:
        for row in db.read("hotspots/intel_locations", relations=list(relations), **window):
            grades = (row["source_evaluation"], row["intelligence_assessment"]) if row["intel_id"] else UNGRADED
            rows.append({**row, "weight": grade_weight(*grades)})
    frame = pd.DataFrame(rows, columns=[*_EVENT_COLUMNS, "lat", "lon"])
    frame = frame[frame["weight"] > 0]
    frame["observed_at"] = pd.to_datetime([_native(v) for v in frame["observed_at"]], utc=True)
    frame["on"] = [v.to_native() if hasattr(v, "to_native") else v for v in frame["on"]]
    return points_from_lonlat(frame.reset_index(drop=True))


def fetch_locations(db, categories: Sequence[str] | None = None) -> gpd.GeoDataFrame:
    """Locations (WGS84) with their category and how many found-after-missing episodes and
    sightings happened there; ``categories`` limits the categories."""
    rows = db.read("hotspots/locations", categories=list(categories) if categories else None)
    frame = pd.DataFrame(rows, columns=["location_id", "name", "category", "lat", "lon", "missing_found", "sightings"])
    return points_from_lonlat(frame)


def fetch_person_places(db, person_ids: Sequence[str]) -> pd.DataFrame:
    """Where each person is placed by the evidence: one row per person, the location with
    the heaviest graded evidence (links to the location, sightings, found after or with a
    missing episode). People with no located evidence are absent."""
    rows = db.read("hotspots/person_places", person_ids=list(person_ids))
    columns = ["person_id", "location_id", "category", "lat", "lon", "evidence"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    graded = frame["source_evaluation"].notna()
    frame["evidence"] = [
        grade_weight(se, ia) if has else grade_weight(*(RECORDED_FACT if how != "link" else UNGRADED))
        for se, ia, has, how in zip(frame["source_evaluation"], frame["intelligence_assessment"], graded, frame["how"], strict=False)
    ]
    totals = frame.groupby(["person_id", "location_id", "category", "lat", "lon"], as_index=False)["evidence"].sum()
    totals = totals[totals["evidence"] > 0].sort_values(["person_id", "evidence", "location_id"], ascending=[True, False, True])
    return totals.drop_duplicates("person_id").reset_index(drop=True)[columns]


def _native(value):
    """A driver temporal value as a Python one (dates as midnight UTC)."""
    if value is None:
        return None
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value
