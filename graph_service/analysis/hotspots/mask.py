"""Hot spots within an area: the analysis mask.

Gi* compares each cell with the whole study area, so the study area decides the answer. Two
towns 60 km apart in one rectangle make every busy cell of either look unusual against the
empty countryside between them. A hot spot analysis is therefore run **within an area**: only
the events inside it count (the others are left out of the analysis, not just hidden), and the
cells are those of the grid that meet it (:class:`MaskedGrid`), so its edges are the edges of
the study area.

The unit of analysis is the local authority. An area that holds two councils or more (a
force) is computed council by council, each on its own, and the layers put side by side
(:func:`analysis_units`); with no area chosen every loaded council is computed on its own. A
council or a ward is one mask.

>>> from shapely.geometry import Polygon
>>> area = Area("ward:west", "West", "ward", Polygon([(-1.80, 51.55), (-1.75, 51.55), (-1.80, 51.58)]))
>>> grid = MaskedGrid.over(area, 250)  # a triangle: its cells, a little over half the rectangle
>>> round(len(grid) / len(grid.grid), 1), grid.cell_ids()[0].startswith("250m-E")
(0.6, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import numpy as np
import shapely
from shapely import wkt
from shapely.geometry.base import BaseGeometry

from graph_service.analysis.hotspots.grid import Grid, touching
from graph_service.analysis.hotspots.points import BNG, WGS84, HotspotError, to_bng

#: The level computed on its own: one Gi* never spans two councils.
UNIT_LEVEL = "local_authority"
#: Loaded areas an error message names, at most.
LISTED = 30


class UnknownArea(HotspotError):
    """No loaded area has the ID or name asked for."""


@dataclass(frozen=True, eq=False)
class Area:
    """A loaded area (``Area`` node): its ID, name, level and boundary in WGS84."""

    area_id: str
    name: str
    level: str
    geometry: BaseGeometry

    @cached_property
    def bng(self) -> BaseGeometry:
        """The boundary on the British National Grid (metres), prepared for fast tests."""
        shape = gpd.GeoSeries([self.geometry], crs=WGS84).to_crs(BNG).iloc[0]
        shapely.prepare(shape)
        return shape

    def frame(self) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame({"area_id": [self.area_id], "name": [self.name], "level": [self.level]},
                                geometry=[self.geometry], crs=WGS84)


def loaded_areas(db) -> list[Area]:
    """Every loaded area, largest level first (``cypher/hotspots/areas.cypher``)."""
    return [Area(r["area_id"], r["name"], r["level"], wkt.loads(r["geometry"])) for r in db.read("hotspots/areas")]


def find_area(areas: list[Area], wanted: str) -> Area:
    """The area whose ID is ``wanted``, or whose name is (any case); :class:`UnknownArea`
    naming the loaded areas when none is, :class:`HotspotError` when a name is used at two
    levels."""
    text = (wanted or "").strip()
    found = [a for a in areas if a.area_id == text] or [a for a in areas if a.name.casefold() == text.casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        raise HotspotError(f"area {text[:80]!r} names {len(found)} areas "
                           f"({', '.join(a.area_id for a in found)}): give its ID", field="area")
    if not areas:
        raise UnknownArea(f"area {text[:80]!r}: no areas are loaded "
                          "(`graph-service areas load FILE --level LEVEL --name-field FIELD`)", field="area")
    listed = "; ".join(f"{a.area_id} ({a.name})" for a in areas[:LISTED])
    more = f"; and {len(areas) - LISTED} more (`graph-service areas list`)" if len(areas) > LISTED else ""
    raise UnknownArea(f"area {text[:80]!r}: no loaded area has that ID or name. Loaded areas: {listed}{more}",
                      field="area")


def analysis_units(areas: list[Area], chosen: Area | None = None) -> list[Area] | None:
    """The areas Gi* runs in, each on its own.

    - no area chosen: every loaded council; with no council loaded, every loaded area of the
      largest level; with no area loaded at all, ``None`` (one study area round every event,
      as before areas existed);
    - an area holding two councils or more (a force): those councils, each cut to the area;
    - any other area (a council, a ward): that area alone.
    """
    councils = [a for a in areas if a.level == UNIT_LEVEL]
    if chosen is None:
        if councils:
            return councils
        return [a for a in areas if a.level == areas[0].level] if areas else None
    inside = [c for c in councils if c.area_id != chosen.area_id
              and chosen.bng.contains(c.bng.representative_point())]
    if len(inside) < 2:
        return [chosen]
    return [Area(c.area_id, c.name, c.level, c.geometry.intersection(chosen.geometry)) for c in inside]


def within(points: gpd.GeoDataFrame, area: Area) -> gpd.GeoDataFrame:
    """The points inside ``area`` (a point on its boundary is inside, as places are joined to
    areas), in their own coordinate reference system."""
    if not len(points):
        return points
    inside = shapely.intersects(area.bng, to_bng(points).geometry.values)
    return points[np.asarray(inside, dtype=bool)]


@dataclass(frozen=True, eq=False)
class MaskedGrid:
    """The cells of a :class:`Grid` that meet an area: the study area of an analysis within it.

    It answers as a :class:`Grid` does (``locate``, ``cell_ids``, ``weights``, ``frame``...), so
    every function that takes a grid takes it. Cells keep the names of the whole national grid;
    a cell is a neighbour of the cells it touches that are in the area too.
    """

    grid: Grid
    #: Positions in ``grid`` of the cells kept, in grid order.
    keep: np.ndarray

    @classmethod
    def over(cls, area: Area, cell_size: float = 250.0, shape: str = "square") -> "MaskedGrid":
        boundary = area.bng
        grid = Grid.covering(boundary.bounds, cell_size, shape)
        keep = np.flatnonzero(shapely.intersects(boundary, grid.polygons()))
        if not len(keep):
            raise HotspotError(f"area {area.area_id}: no cell of {cell_size:g} m meets it", field="area")
        return cls(grid, keep)

    def __len__(self) -> int:
        return len(self.keep)

    @property
    def cell_size(self) -> float:
        return self.grid.cell_size

    @property
    def shape(self) -> str:
        return self.grid.shape

    @property
    def crs(self):
        return self.grid.crs

    @cached_property
    def _position(self) -> np.ndarray:
        position = np.full(len(self.grid), -1, dtype=np.int64)
        position[self.keep] = np.arange(len(self.keep))
        return position

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index of the kept cell holding each point; -1 for a point outside the area's cells."""
        where = self.grid.locate(x, y)
        return np.where(where >= 0, self._position[np.maximum(where, 0)], -1)

    def centres(self) -> np.ndarray:
        return self.grid.centres()[self.keep]

    def polygons(self) -> np.ndarray:
        return self.grid.polygons()[self.keep]

    def cell_ids(self) -> np.ndarray:
        return self.grid.cell_ids()[self.keep]

    def weights(self):
        return touching(self.centres(), self.cell_size)

    def frame(self) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame({"cell_id": self.cell_ids()}, geometry=self.polygons(), crs=self.crs)
