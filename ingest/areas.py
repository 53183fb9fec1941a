"""Areas: boundary files read and checked, stored as ``Area`` nodes, and places joined to them.

For example (it needs a database; ``tests/test_areas.py`` makes the same calls)::

    areas = read_boundaries(Path("wards.gpkg"), level="ward", name_field="WD24NM")
    store_areas(db, areas)
    # {'created': 24, 'updated': 0, 'links': 3180}

A boundary file is intake like any other: its names are hostile text (checked as the intake
format checks names), every feature must be a valid polygon, and one bad feature refuses the
whole file, naming the file, the feature (counted from 1), the field and the reason. Nothing
is stored until the whole file has passed.

Every place is then joined to the areas that contain it (geopandas ``sjoin``, a point on a
shared boundary being in both): again whenever areas are loaded and after every ingest, in the
same transaction as the write, so a place is never left with the areas of an old boundary.
Reference: docs/areas.md.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pydantic_core import PydanticCustomError
from shapely.validation import explain_validity

from graph_service.db import Database, Transaction
from graph_service.vocabulary import AREA_LEVELS
from ingest.fields import _text

#: The geometry types an area may have.
AREA_GEOMETRIES = ("Polygon", "MultiPolygon")
#: Longest area name kept (names are shown on pages and charts).
NAME_MAX = 120
_WGS84 = "EPSG:4326"


@dataclass(frozen=True)
class AreaProblem:
    """One problem with a boundary file: the file, the feature (from 1; None: the whole file),
    the field and the reason.

    >>> str(AreaProblem("wards.geojson", 3, "geometry", "is empty"))
    'wards.geojson: feature 3: geometry: is empty'
    """

    file: str
    feature: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.feature is None else f"{self.file}: feature {self.feature}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


class AreaFileRejected(Exception):
    """A boundary file that cannot be loaded; nothing of it was stored."""

    def __init__(self, problems: list[AreaProblem]):
        self.problems = list(problems)
        shown = "\n".join(str(p) for p in self.problems[:20])
        more = f"\n... and {len(self.problems) - 20} more problems" if len(self.problems) > 20 else ""
        super().__init__(f"the boundary file was not loaded; nothing was stored:\n{shown}{more}")


def area_id(level: str, name: str) -> str:
    """An area's ID: its level and its name in lower case, runs of other characters as ``-``.

    >>> area_id("ward", "St. Mary's & Central")
    'ward:st-mary-s-central'
    """
    return f"{level}:{re.sub(r'[^0-9a-z]+', '-', name.casefold()).strip('-') or 'area'}"


def read_boundaries(path: Path, level: str, name_field: str, crs: str | None = None) -> gpd.GeoDataFrame:
    """The areas of a boundary file (GeoJSON, GeoPackage, shapefile) in WGS84: columns
    ``area_id``, ``name``, ``level``, ``geometry``. Raises :class:`AreaFileRejected` with every
    problem found; ``crs`` is for a file that does not state its coordinate reference system."""
    file = path.name
    if level not in AREA_LEVELS:
        raise AreaFileRejected([AreaProblem(file, None, "level", f"{level!r} is not one of {', '.join(AREA_LEVELS)}")])
    if not path.exists():
        raise AreaFileRejected([AreaProblem(file, None, None, "no such file")])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pyogrio warns about what it then raises or repairs
            frame = gpd.read_file(path)
    except Exception as problem:  # pyogrio and GDAL raise their own errors for unreadable files
        reason = str(problem).replace(str(path), file).strip() or type(problem).__name__
        raise AreaFileRejected([AreaProblem(file, None, None, f"cannot be read as GIS data ({reason})")]) from None
    if frame.empty:
        raise AreaFileRejected([AreaProblem(file, None, None, "holds no features")])
    if name_field not in frame.columns or name_field == frame.geometry.name:
        fields = ", ".join(str(c) for c in frame.columns if c != frame.geometry.name) or "none"
        raise AreaFileRejected([AreaProblem(file, None, name_field, f"no such field in the file; its fields are: {fields}")])
    frame = _with_crs(frame, file, crs)

    problems: list[AreaProblem] = []
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for number, (raw, shape) in enumerate(zip(frame[name_field], frame.geometry, strict=True), start=1):
        name = _name(raw, file, number, name_field, problems)
        names.append(name)
        if name is not None:
            key = area_id(level, name)
            if key in seen:
                problems.append(AreaProblem(file, number, name_field, f"{name!r} is also the name of feature "
                                            f"{seen[key]} (or reads the same): one area per name"))
            seen.setdefault(key, number)
        problems.extend(_geometry_problems(shape, file, number))
    if problems:
        raise AreaFileRejected(problems)
    areas = gpd.GeoDataFrame({"name": names, "level": level}, geometry=frame.geometry.to_numpy(), crs=frame.crs)
    areas = areas.to_crs(_WGS84)
    areas.insert(0, "area_id", [area_id(level, n) for n in names])
    return areas


def _with_crs(frame: gpd.GeoDataFrame, file: str, crs: str | None) -> gpd.GeoDataFrame:
    if frame.crs is None and crs is None:
        raise AreaFileRejected([AreaProblem(file, None, "crs", "the file states no coordinate reference system: "
                                            "give it with --crs (e.g. EPSG:27700 for British National Grid)")])
    if frame.crs is None:
        try:
            return frame.set_crs(crs)
        except Exception:
            raise AreaFileRejected([AreaProblem(file, None, "crs", f"{crs!r} is not a coordinate reference system "
                                                "(e.g. EPSG:27700)")]) from None
    return frame


def _name(raw, file: str, number: int, field: str, problems: list[AreaProblem]) -> str | None:
    if raw is None or (isinstance(raw, float) and pd.isna(raw)) or not str(raw).strip():
        problems.append(AreaProblem(file, number, field, "is empty: every area needs a name"))
        return None
    try:
        name = _text(str(raw)).strip()
    except PydanticCustomError as problem:
        problems.append(AreaProblem(file, number, field, problem.message()))
        return None
    if len(name) > NAME_MAX:
        problems.append(AreaProblem(file, number, field, f"is {len(name)} characters long: a name has at most {NAME_MAX}"))
        return None
    return name


def _geometry_problems(shape, file: str, number: int) -> list[AreaProblem]:
    if shape is None or shape.is_empty:
        return [AreaProblem(file, number, "geometry", "is empty: an area needs its boundary")]
    if shape.geom_type not in AREA_GEOMETRIES:
        return [AreaProblem(file, number, "geometry", f"is a {shape.geom_type}: an area is a "
                            f"{' or '.join(AREA_GEOMETRIES)}")]
    if not shape.is_valid:
        return [AreaProblem(file, number, "geometry", f"is not a valid polygon ({explain_validity(shape)}): "
                            "repair it in your GIS (e.g. 'Fix geometries') and load it again")]
    return []


# -- storing and joining ----------------------------------------------------------------------

def store_areas(db: Database, areas: gpd.GeoDataFrame, source: str) -> dict:
    """Store ``areas`` (from :func:`read_boundaries`) and join every place to the areas again,
    in one transaction: all of it is stored, or none."""
    rows = [{"area_id": a.area_id, "name": a.name, "level": a.level, "geometry": a.geometry.wkt, "source": source}
            for a in areas.itertuples()]
    with db.transaction(lock="ingest") as tx:
        counts = tx.run("areas/merge_areas", rows=rows)[0]
        links = link_locations(tx)
    return {"created": counts["created"], "updated": counts["updated"], "links": links}


def link_locations(tx: Transaction) -> int:
    """Join every stored place to the stored areas containing it (a spatial join), replacing
    what was recorded before; how many place-area links there are now."""
    areas = tx.run("areas/geometries")
    tx.write("areas/clear_links")
    if not areas:
        return 0
    places = pd.DataFrame(tx.run("areas/location_points"), columns=["location_id", "lat", "lon"])
    if places.empty:
        return 0
    pairs = area_pairs(places, gpd.GeoDataFrame(
        {"area_id": [a["area_id"] for a in areas]},
        geometry=gpd.GeoSeries.from_wkt([a["geometry"] for a in areas]), crs=_WGS84))
    for start in range(0, len(pairs), 10_000):
        tx.write("areas/link_locations", pairs=pairs[start:start + 10_000])
    return len(pairs)


def area_pairs(places: pd.DataFrame, areas: gpd.GeoDataFrame) -> list[dict]:
    """``{location_id, area_id}`` for every place (``lat``, ``lon``) inside or on the boundary
    of every area: geopandas' spatial join on the areas' spatial index.

    >>> from shapely.geometry import box
    >>> areas = gpd.GeoDataFrame({"area_id": ["a", "b"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs=_WGS84)
    >>> places = pd.DataFrame({"location_id": ["in_a", "edge", "out"], "lat": [0.5, 0.5, 5], "lon": [0.5, 1, 5]})
    >>> sorted((p["location_id"], p["area_id"]) for p in area_pairs(places, areas))
    [('edge', 'a'), ('edge', 'b'), ('in_a', 'a')]
    """
    points = gpd.GeoDataFrame(places[["location_id"]], geometry=gpd.points_from_xy(places["lon"], places["lat"]),
                              crs=_WGS84)
    joined = gpd.sjoin(points, areas, how="inner", predicate="intersects")
    return [{"location_id": lid, "area_id": aid}
            for lid, aid in zip(joined["location_id"], joined["area_id"], strict=True)]

