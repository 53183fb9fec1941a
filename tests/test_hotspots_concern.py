"""Hot spots of concern over plain points: the signs of exploitation counted into the cells of
all activity, Gi* of them exactly as esda computes it, the order of concern and its reasons, and
what a partner's copy withholds."""

from __future__ import annotations

import esda
import geopandas as gpd
import numpy as np
import pandas as pd

from graph_service import disclosure
from graph_service.analysis import hotspots as hs


def _points(xy, **columns) -> gpd.GeoDataFrame:
    x, y = zip(*xy, strict=True) if xy else ((), ())
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy(x, y), crs=hs.BNG)


def _town():
    """A 12 by 12 grid of 250 m cells, one event of activity in each; a busy centre with forty
    more; two places with signs of concern: six children found at one, a little graded
    intelligence at the other."""
    rng = np.random.default_rng(5)
    activity = [(430125.0 + 250 * (i % 12), 290125.0 + 250 * (i // 12)) for i in range(144)]
    activity += [(431500.0 + rng.uniform(0, 200), 291500.0 + rng.uniform(0, 200)) for _ in range(40)]
    activity = _points(activity)
    grid = hs.Grid.covering(activity.total_bounds, 250)
    concern = _points([(430600.0, 290600.0)] * 6 + [(432600.0, 292600.0)] * 2,
                      reason=["found_after_missing"] * 6 + ["child_in_intel", "adult_of_concern"],
                      weight=[1.0] * 6 + [0.6, 0.3])
    return hs.rank_cells(hs.aggregate(activity, grid), grid, concern), grid, concern


def test_concern_z_scores_equal_esda_g_local_on_the_concern_values():
    cells, grid, concern = _town()
    value = np.zeros(len(grid))
    np.add.at(value, grid.locate(concern.geometry.x.to_numpy(), concern.geometry.y.to_numpy()), concern["weight"])
    expected = esda.G_Local(value, grid.weights(), transform="B", star=True, permutations=0).Zs
    np.testing.assert_allclose(cells["concern_z"].to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(cells["concern_value"].to_numpy(), value)


def test_the_busy_centre_is_a_hot_spot_of_activity_but_not_of_concern():
    cells, grid, _ = _town()
    centre = cells.loc[cells["count"].idxmax()]
    assert centre["concern_count"] == 0 and pd.isna(centre["rank"])
    activity = hs.GiStar(cells["value"].to_numpy(), grid.weights())
    assert activity.hotspot_class[cells["count"].to_numpy().argmax()] == "hot_99"


def test_cells_are_ranked_by_the_evidence_gathered_there_with_reasons():
    cells, _, _ = _town()
    ranked = cells[cells["rank"].notna()].sort_values("rank")
    assert ranked["rank"].tolist() == [1, 2]
    first, second = ranked.iloc[0], ranked.iloc[1]
    assert (first["found_after_missing"], first["concern_class"]) == (6, "hot_99")
    assert hs.cell_reasons(first)[:2] == ["6 children found here after missing episodes",
                                          "hot spot of concern, 99% confidence"]
    assert hs.cell_reasons(second)[:2] == ["1 item of graded intelligence placing a child here",
                                           "1 item of graded intelligence placing an adult of concern here"]


def test_no_sign_of_concern_gives_no_rank_and_no_hot_spot():
    activity = _points([(430125.0 + 250 * (i % 5), 290125.0 + 250 * (i // 5)) for i in range(25)])
    grid = hs.Grid.covering(activity.total_bounds, 250)
    cells = hs.rank_cells(hs.aggregate(activity, grid), grid, _points([], reason=[], weight=[]))
    assert cells["rank"].isna().all() and (cells["concern_class"] == "not_significant").all()


def test_a_partner_copy_withholds_small_signs_and_any_total_they_would_give_away():
    cells, _, _ = _town()
    shared = disclosure.cells(cells)
    second = shared[cells["rank"].to_numpy() == 2].iloc[0]
    # One item each: withheld, and so is the total of 2 (and its weighted value) they make.
    assert pd.isna(second["child_in_intel"]) and pd.isna(second["adult_of_concern"])
    assert pd.isna(second["concern_count"]) and pd.isna(second["concern_value"])
    assert hs.cell_reasons(second)[0] == "fewer than 3 items of graded intelligence placing children here"
    first = shared[cells["rank"].to_numpy() == 1].iloc[0]
    assert first["concern_count"] == 6 and first["found_after_missing"] == 6
    # The partner's order is made from what the partner sees: withheld cells after shown ones.
    assert hs.ranks(shared).dropna().tolist() == [1, 2]


def test_the_map_opens_on_the_area_of_most_concern():
    cells, _, _ = _town()
    far = cells.copy()
    far.loc[far["rank"] == 2, "geometry"] = far.loc[far["rank"] == 2, "geometry"].translate(60_000, 0)
    for frame in (cells, far.to_crs(hs.WGS84)):  # any CRS, as the maps take
        focus = hs.focus_cells(frame)
        assert sorted(focus["rank"].tolist()) == ([1, 2] if frame is cells else [1])


def test_a_map_of_an_area_opens_on_its_cells_of_most_concern_not_the_whole_area():
    from shapely.geometry import box

    cells, _, _ = _town()
    cells = cells.assign(area_id="council")
    council = hs.Area("council", "Council", "local_authority",
                      box(*cells.to_crs(hs.WGS84).total_bounds).buffer(0.2))  # far larger than its town
    focus = hs.map_focus(cells, council)
    assert sorted(focus["rank"].tolist()) == [1, 2]
    # An area none of whose cells is ranked: the whole area; no area: the cells of most concern.
    assert hs.map_focus(cells.assign(area_id="elsewhere"), council).equals(council.frame())
    assert sorted(hs.map_focus(cells)["rank"].tolist()) == [1, 2]
