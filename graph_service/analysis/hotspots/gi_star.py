"""Getis-Ord Gi* (esda's ``G_Local``) with a false-discovery-rate correction, and the classes
it puts cells and areas in."""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd

from graph_service.analysis.hotspots.grid import Grid, count_into
from graph_service.analysis.hotspots.points import HotspotError, _weights, bng_xy

# esda and scipy's statistics are imported where they are used: together they take seconds to
# import, and every graph-service command (and dashboard start) loads this package.

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
    if len(points) == 0:
        raise HotspotError("no events to analyse")
    x, y = bng_xy(points)
    bounds = (x.min(), y.min(), x.max(), y.max())
    grid = grid if grid is not None else Grid.covering(bounds, cell_size, shape)
    cells = count_into(grid, x, y, _weights(points, weight))
    return _with_statistic(cells, GiStar(cells["value"].to_numpy(), grid.weights()))

