"""Hot spots of concern: where the exploitation of children concentrates, not where people are.

All activity (sightings, ANPR reads, intelligence naming places) is densest where people are:
town centres, shopping centres, schools. A MACSE meeting needs the places where the signs of
exploitation gather. Each cell therefore gets a *concern value* from the events that point at
exploitation there (:data:`~graph_service.analysis.hotspots.stored.CONCERN_REASONS`, read by
``cypher/hotspots/concern_events.cypher``):

- **children found after missing episodes** at the place (recorded facts, weight 1);
- **sightings of children with an adult who is not their recorded relative** (weight 1 when
  one of those adults is of concern, as below; a quarter when none is: in a busy town centre
  children are seen beside unrelated adults all day);
- **graded intelligence placing a child** at the place (``seen_at``, ``frequents``), weighing
  what its grades weigh;
- **graded intelligence placing an adult of concern** there: an adult with intelligence of
  association with an unrelated child (never from an E-graded report), or found with a missing
  child.

E-graded intelligence never counts. Whether a person was a child on the day is the only fact
about a person used; nothing else (gender, ethnicity, nationality, religion or any other
protected characteristic) enters a value or a rank.

Cells are ranked (1 = of most concern) by the concern value of the cell itself: the weighted
evidence of exploitation gathered at that place, as a harm index ranks places by the harm
recorded there rather than by the volume of activity. Ties go to the higher Gi* z-score, then
to the cell's name. A cell with no sign of concern has no rank. Getis-Ord Gi* (esda's
``G_Local``, as for all activity: :class:`GiStar`) tests each cell's concern value with its
neighbours' against the whole study area, with the Benjamini-Hochberg correction, giving the
*class of concern* (``hot_99`` ... ``cold_99``) the map colours cells by: whether the place is
part of a concentration beyond chance. Gi* is not the order itself: its z-score counts the
neighbours, so the empty cells around one busy place would rank above another place of
concern. The rank is an order for people to review, never a finding.

>>> import geopandas as gpd
>>> from graph_service.analysis.hotspots.grid import Grid, aggregate
>>> from graph_service.analysis.hotspots.points import BNG
>>> xy = [(430100.0 + 250 * (i % 12), 290100.0 + 250 * (i // 12)) for i in range(144)]
>>> activity = gpd.GeoDataFrame(geometry=gpd.points_from_xy(*zip(*xy)), crs=BNG)
>>> grid = Grid.covering(activity.total_bounds, 250)
>>> concern = gpd.GeoDataFrame({"reason": ["found_after_missing"] * 6 + ["child_in_intel"] * 2,
...                             "weight": [1.0] * 6 + [0.6, 0.6]},
...                            geometry=gpd.points_from_xy([430600.0] * 6 + [430850.0] * 2, [290600.0] * 8), crs=BNG)
>>> ranked = rank_cells(aggregate(activity, grid), grid, concern)
>>> ranked.sort_values("rank").head(2)[["rank", "concern_count", "concern_class"]].values.tolist()
[[1, 6, 'hot_99'], [2, 2, 'hot_99']]
>>> cell_reasons(ranked.loc[ranked["rank"] == 1].iloc[0])[:2]
['6 children found here after missing episodes', 'hot spot of concern, 99% confidence']

References: Getis and Ord (1992); Ord and Getis (1995) (the statistic); Benjamini and
Hochberg (1995); Chainey and Ratcliffe (2005), *GIS and Crime Mapping*, ch. 6 (hot spots of a
specific harm rather than of all activity); Sherman, Neyroud and Neyroud (2016), "The Cambridge
Crime Harm Index" (ranking places by the harm recorded there, not by the volume of activity).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from graph_service.analysis.hotspots.gi_star import LABELS, GiStar
from graph_service.analysis.hotspots.grid import Grid
from graph_service.analysis.hotspots.points import BNG, _weights, _xy, to_bng
from graph_service.analysis.hotspots.stored import CONCERN_REASONS

#: Each reason as a cell's reasons say it, with its count.
REASON_WORDS = {
    "found_after_missing": ("child found here after a missing episode", "children found here after missing episodes"),
    "child_with_adult": ("sighting of a child with an adult not their family",
                         "sightings of children with adults not their family"),
    "child_in_intel": ("item of graded intelligence placing a child here",
                       "items of graded intelligence placing children here"),
    "adult_of_concern": ("item of graded intelligence placing an adult of concern here",
                         "items of graded intelligence placing adults of concern here"),
}
#: Columns :func:`rank_cells` adds.
CONCERN_COLUMNS = (*CONCERN_REASONS, "concern_count", "concern_value", "concern_z", "concern_p_fdr",
                   "concern_class", "rank")


def rank_cells(cells: gpd.GeoDataFrame, grid: Grid, concern: gpd.GeoDataFrame, weight: str | None = "weight",
               ) -> gpd.GeoDataFrame:
    """``cells`` (every cell of ``grid``, in grid order, as :func:`aggregate` makes them) with
    the signs of concern in ``concern`` (points with a ``reason``) counted in, Gi* of their
    weighted value, and each cell's ``rank`` (1 = of most concern; ``<NA>`` with no sign).

    Adds, per reason of :data:`CONCERN_REASONS`, the count of its events; ``concern_count``,
    ``concern_value`` (summed weights), ``concern_z``, ``concern_p_fdr``, ``concern_class``
    and ``rank``.
    """
    n = len(grid)
    frame = cells.copy()
    if len(concern):
        concern = to_bng(concern)
        x, y = _xy(concern)
        where = grid.locate(x, y)
        inside = where >= 0  # a sign of concern outside the activity's grid is outside the study area
        where = where[inside]
        w = _weights(concern, weight)
        w = np.ones(len(concern)) if w is None else w
        reasons = concern["reason"].to_numpy()[inside]
        value = np.bincount(where, weights=w[inside], minlength=n)
    else:
        where, reasons, value = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), np.zeros(n)
    for reason in CONCERN_REASONS:
        frame[reason] = np.bincount(where[reasons == reason], minlength=n)
    frame["concern_count"] = np.bincount(where, minlength=n)
    frame["concern_value"] = value
    gi = GiStar(value, grid.weights())
    frame["concern_z"] = gi.z
    frame["concern_p_fdr"] = gi.p_fdr
    frame["concern_class"] = gi.hotspot_class
    frame["rank"] = ranks(frame)
    return frame


def ranks(frame: pd.DataFrame) -> pd.Series:
    """1, 2, 3... in order of concern for the cells with a sign of concern, ``<NA>`` elsewhere:
    the cell's own concern value (highest first), then its concern Gi* z, then its name.

    A partner's copy (:func:`graph_service.disclosure.cells`) has small counts withheld
    (``<NA>``): those cells keep a rank, after every cell whose value is shown, ordered by z.
    """
    count = frame["concern_count"]
    has = (count.isna() | (count.fillna(0) > 0)).to_numpy()
    keyed = pd.DataFrame({
        "value": -pd.to_numeric(frame["concern_value"], errors="coerce").fillna(0).to_numpy(dtype=float),
        "z": -frame["concern_z"].to_numpy(dtype=float), "cell_id": frame["cell_id"].astype(str).to_numpy(),
    })[has]
    keyed = keyed.sort_values(["value", "z", "cell_id"], kind="stable")
    rank = np.full(len(frame), -1, dtype=np.int64)
    rank[keyed.index.to_numpy()] = np.arange(1, len(keyed) + 1)
    out = pd.Series(pd.array(rank, dtype="Int64"), index=frame.index)
    return out.mask(out < 0)


def focus_cells(cells: gpd.GeoDataFrame, top: int = 20, metres: float = 3000.0) -> gpd.GeoDataFrame:
    """The cells a map of concern opens on: of the ``top`` ranked cells, those within
    ``metres`` of the cell of most concern. The area of most concern, not every town the top
    cells are spread over (one map fitted to two towns 60 km apart shows neither)."""
    ranked = cells[cells["rank"].notna().to_numpy()].sort_values("rank").head(top)
    if not len(ranked):
        return ranked
    centres = ranked.to_crs(BNG).geometry.centroid
    return ranked[(centres.distance(centres.iloc[0]) <= metres).to_numpy()]


def map_focus(cells: gpd.GeoDataFrame, area=None) -> gpd.GeoDataFrame:
    """Where a map of concern opens: the cells of most concern (:func:`focus_cells`) inside
    ``area`` (the area chosen, or the area of most concern; an ``Area``), else the whole area
    when none of its cells is ranked; without an area, the cells of most concern anywhere.
    A council is far larger than its town centres: fitted to the whole council, the cells of
    concern filled the middle third of the map."""
    if area is None:
        return focus_cells(cells)
    inside = focus_cells(cells[(cells["area_id"] == area.area_id).to_numpy()])
    return inside if len(inside) else area.frame()


def cell_reasons(cell) -> list[str]:
    """The reasons for a ranked cell's place in the order, in words, strongest first: its signs
    of concern (as counted; a partner's withheld counts say "fewer than 3"), its class of
    concern, and its trend against the window before."""
    reasons = []
    counts = [(reason, cell.get(reason)) for reason in CONCERN_REASONS]
    counts.sort(key=lambda item: -1 if pd.isna(item[1]) else -int(item[1]))
    for reason, count in counts:
        if pd.isna(count):
            reasons.append(f"fewer than 3 {REASON_WORDS[reason][1]}")
        elif count:
            reasons.append(f"{int(count)} {REASON_WORDS[reason][0 if count == 1 else 1]}")
    klass = cell.get("concern_class")
    if isinstance(klass, str) and klass.startswith("hot"):
        reasons.append(LABELS[klass].replace("Hot spot", "hot spot of concern"))
    trend = cell.get("trend")
    if isinstance(trend, str) and trend:
        reasons.append(f"{trend} hot spot of activity against the window before")
    return reasons
