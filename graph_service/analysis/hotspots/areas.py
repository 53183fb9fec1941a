"""Gi* over areas with a value (counts per ward), with contiguity or nearest-centre weights."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from graph_service.analysis.hotspots.gi_star import GiStar, _with_statistic
from graph_service.analysis.hotspots.points import HotspotError, _not_a_number

if TYPE_CHECKING:
    from libpysal.graph import Graph

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

