"""Square cells or hexagons on the national grid, and points counted into them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from graph_service.analysis.hotspots.points import BNG, HotspotError, _weights, _xy

if TYPE_CHECKING:
    from libpysal.graph import Graph

#: More cells than this is almost always a cell size given in the wrong unit.
MAX_CELLS = 2_000_000

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
        return touching(self.centres(), self.cell_size)

    def frame(self) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame({"cell_id": self.cell_ids()}, geometry=self.polygons(), crs=self.crs)


def touching(centres: np.ndarray, cell_size: float) -> Graph:
    """Binary weights joining each cell (by its centre) to the cells it touches."""
    import scipy.sparse as sparse
    from libpysal.graph import Graph
    from scipy.spatial import cKDTree

    # Neighbouring centres are 1 cell apart (hexagons, square edges) or sqrt(2) (square
    # corners); the next ring is at least sqrt(3) away, so 1.5 cells separates them.
    pairs = cKDTree(centres).query_pairs(1.5 * cell_size, output_type="ndarray")
    focal = np.concatenate([pairs[:, 0], pairs[:, 1]])
    neighbour = np.concatenate([pairs[:, 1], pairs[:, 0]])
    n = len(centres)
    matrix = sparse.csr_matrix((np.ones(len(focal)), (focal, neighbour)), shape=(n, n))
    return Graph.from_sparse(matrix)


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
    return count_into(grid, x, y, _weights(points, weight))


def count_into(grid: Grid, x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> gpd.GeoDataFrame:
    """``aggregate`` for points given as eastings and northings."""
    cell = grid.locate(x, y)
    if (cell < 0).any():
        raise HotspotError("some points fall outside the grid", rows=np.flatnonzero(cell < 0))
    cells = grid.frame()
    cells["count"] = np.bincount(cell, minlength=len(grid))
    cells["value"] = (np.bincount(cell, weights=weights, minlength=len(grid)) if weights is not None
                      else cells["count"].astype(float))
    return cells
