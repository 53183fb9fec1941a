"""Hot spot analysis over plain points and areas: cells, Gi* against esda, FDR, heat, trends."""

from __future__ import annotations

from datetime import date

import esda
import geopandas as gpd
import libpysal
import numpy as np
import pandas as pd
import pytest
import shapely
from libpysal.graph import Graph
from scipy import stats

from graph_service.analysis import hotspots as hs

ORIGIN = (430_000.0, 290_000.0)  # somewhere in the English Midlands, on the national grid


def bng_points(xy: np.ndarray, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=gpd.points_from_xy(xy[:, 0], xy[:, 1]), crs=hs.BNG)


def background(rng: np.random.Generator, n: int, size: float = 6000.0) -> np.ndarray:
    return np.column_stack([ORIGIN[0] + rng.uniform(0, size, n), ORIGIN[1] + rng.uniform(0, size, n)])


def cluster(rng: np.random.Generator, n: int, at: tuple[float, float], spread: float = 60.0) -> np.ndarray:
    return np.column_stack([ORIGIN[0] + at[0] + rng.normal(0, spread, n), ORIGIN[1] + at[1] + rng.normal(0, spread, n)])


@pytest.fixture
def columbus() -> gpd.GeoDataFrame:
    return gpd.read_file(libpysal.examples.get_path("columbus.shp"))


# -- Gi* is esda's, unchanged ----------------------------------------------------------------

@pytest.mark.parametrize("spec, weights", [
    ("queen", lambda df: libpysal.weights.Queen.from_dataframe(df, use_index=False)),
    ("rook", lambda df: libpysal.weights.Rook.from_dataframe(df, use_index=False)),
    ("knn:4", lambda df: libpysal.weights.KNN.from_dataframe(df, k=4)),
])
def test_polygon_z_scores_equal_esda_on_columbus(columbus, spec, weights):
    result = hs.polygon_hotspots(columbus, "CRIME", spec)
    expected = esda.G_Local(columbus["CRIME"], weights(columbus), transform="B", star=True).Zs
    np.testing.assert_allclose(result["gi_z"], expected, rtol=1e-12, atol=1e-12)
    assert list(result.columns[: len(columbus.columns) - 1]) == [c for c in columbus.columns if c != "geometry"]
    pd.testing.assert_frame_equal(result[columbus.columns], columbus)


def test_p_values_are_two_sided_and_fdr_adjusted_by_benjamini_hochberg(columbus):
    result = hs.polygon_hotspots(columbus, "CRIME", "queen")
    np.testing.assert_allclose(result["p"], 2 * stats.norm.sf(np.abs(result["gi_z"])))
    np.testing.assert_allclose(result["p_fdr"], stats.false_discovery_control(result["p"], method="bh"))
    assert (result["p_fdr"] >= result["p"] - 1e-15).all()


def test_classes_follow_the_adjusted_p_value_and_the_sign_of_z(columbus):
    result = hs.polygon_hotspots(columbus, "CRIME", "queen")
    for row in result.itertuples():
        level = next((lvl for lvl, alpha in hs.LEVELS if row.p_fdr <= alpha), None)
        expected = "not_significant" if level is None else f"{'hot' if row.gi_z > 0 else 'cold'}_{level}"
        assert row.hotspot_class == expected
    # Columbus crime is strongly clustered: both kinds of spot exist.
    assert {"hot", "cold"} <= {c.split("_")[0] for c in result["hotspot_class"]}


def test_equal_values_give_no_hot_or_cold_spot(columbus):
    flat = columbus.assign(CRIME=7.0)
    result = hs.polygon_hotspots(flat, "CRIME", "queen")
    assert (result["hotspot_class"] == "not_significant").all()
    assert (result["gi_z"] == 0).all() and (result["p_fdr"] == 1).all()


# -- cells -----------------------------------------------------------------------------------

def test_a_planted_cluster_is_a_hot_spot_and_noise_is_not():
    rng = np.random.default_rng(11)
    points = bng_points(np.vstack([background(rng, 1500), cluster(rng, 120, (3000, 3000))]))
    cells = hs.grid_hotspots(points, cell_size=250)
    centre = shapely.Point(ORIGIN[0] + 3000, ORIGIN[1] + 3000)
    at_cluster = cells[cells.intersects(centre.buffer(100))]
    assert set(at_cluster["hotspot_class"]) == {"hot_99"}
    hot = cells[cells["hotspot_class"].str.startswith("hot")]
    # Every hot cell lies at the cluster (its own cells and their neighbours), none elsewhere.
    assert hot.distance(centre).max() < 3 * 250
    assert cells["count"].sum() == len(points)


@pytest.mark.parametrize("seed", range(5))
def test_fdr_keeps_uniform_noise_from_lighting_up_the_map(seed):
    rng = np.random.default_rng(seed)
    cells = hs.grid_hotspots(bng_points(background(rng, 4000, size=10_000)), cell_size=250)
    # 1,600 cells tested at once: chance alone passes a raw 10% test in about a hundred.
    assert (cells["p"] <= 0.10).sum() > 100
    assert (cells["hotspot_class"] != "not_significant").sum() <= 0.005 * len(cells)


@pytest.mark.parametrize("shape", ["square", "hex"])
def test_every_point_lies_in_the_cell_it_is_counted_in(shape):
    rng = np.random.default_rng(3)
    xy = background(rng, 3000, size=2000)
    grid = hs.Grid.covering((xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()), 200, shape)
    index = grid.locate(xy[:, 0], xy[:, 1])
    assert (index >= 0).all()
    polygons = grid.polygons()
    inside = shapely.covers(polygons[index], shapely.points(xy))
    assert inside.all()
    if shape == "hex":  # hexagons of width 200 have the area of a regular hexagon
        assert shapely.area(polygons[0]) == pytest.approx(np.sqrt(3) / 2 * 200 ** 2)


@pytest.mark.parametrize("shape, interior", [("square", 8), ("hex", 6)])
def test_cells_neighbour_the_cells_they_touch(shape, interior):
    grid = hs.Grid.covering((ORIGIN[0], ORIGIN[1], ORIGIN[0] + 3000, ORIGIN[1] + 3000), 250, shape)
    weights = grid.weights()
    polygons = grid.polygons()
    assert weights.cardinalities.max() == interior
    for focal in range(0, len(grid), 7):
        # Touching within a micrometre: hexagon corners are computed in floating point.
        touching = set(np.flatnonzero(shapely.dwithin(polygons[focal], polygons, 1e-6)))
        assert set(weights[focal].index) == touching - {focal}


def test_cell_ids_name_the_same_place_whatever_the_extent():
    small = hs.Grid.covering((ORIGIN[0] + 10, ORIGIN[1] + 10, ORIGIN[0] + 900, ORIGIN[1] + 900), 250)
    large = hs.Grid.covering((ORIGIN[0] - 5000, ORIGIN[1] - 2000, ORIGIN[0] + 4000, ORIGIN[1] + 7000), 250)
    x, y = np.array([ORIGIN[0] + 420.0]), np.array([ORIGIN[1] + 777.0])
    assert small.cell_ids()[small.locate(x, y)[0]] == large.cell_ids()[large.locate(x, y)[0]] == "250m-E430250-N290750"


def test_weights_scale_each_event():
    xy = np.array([[ORIGIN[0] + 10, ORIGIN[1] + 10]] * 3 + [[ORIGIN[0] + 900, ORIGIN[1] + 900]])
    cells = hs.aggregate(bng_points(xy, w=[0.5, 1.0, 0.25, 2.0]),
                         hs.Grid.covering((ORIGIN[0], ORIGIN[1], ORIGIN[0] + 999, ORIGIN[1] + 999), 250), "w")
    assert cells["count"].sum() == 4
    assert sorted(cells.loc[cells["count"] > 0, "value"]) == [1.75, 2.0]


def test_lonlat_points_are_projected_to_the_national_grid():
    points = hs.points_from_lonlat(pd.DataFrame({"lat": [51.5007], "lon": [-0.1246], "note": ["x"]}))
    projected = hs.to_bng(points)
    assert projected.crs.to_epsg() == 27700
    assert projected.geometry.x[0] == pytest.approx(530_268, abs=30)  # Westminster: TQ 302 796
    assert projected.geometry.y[0] == pytest.approx(179_640, abs=30)
    assert list(projected.columns) == ["note", "geometry"]


@pytest.mark.parametrize("place, lon, lat", [
    ("Manchester", -2.24, 53.48), ("Penzance", -5.54, 50.12), ("Lerwick", -1.15, 60.15), ("Norwich", 1.30, 52.63),
])
def test_many_points_are_projected_within_a_centimetre_of_proj(place, lon, lat):
    # Past _LATTICE_FROM points, eastings and northings are read off a lattice PROJ projected,
    # in threads each writing its own slice: a slice left out or written twice, a point in the
    # wrong lattice cell, or a lattice too coarse at the edges of the grid shows here.
    rng = np.random.default_rng(17)
    n = hs.points._LATTICE_FROM + 12_345
    lons, lats = lon + rng.uniform(-0.3, 0.3, n), lat + rng.uniform(-0.2, 0.2, n)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs=hs.WGS84)
    expected = points.to_crs(hs.BNG).geometry
    x, y = hs.bng_xy(points)
    assert np.abs(x - expected.x.to_numpy()).max() < 0.01, place
    assert np.abs(y - expected.y.to_numpy()).max() < 0.01, place
    assert shapely.get_x(points.geometry.values)[0] == lons[0]  # the caller's points are left as they were


def test_few_points_are_projected_by_proj_itself():
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy([-2.24, -2.25], [53.48, 53.49]), crs=hs.WGS84)
    expected = points.to_crs(hs.BNG).geometry
    x, y = hs.bng_xy(points)
    assert x.tolist() == expected.x.tolist() and y.tolist() == expected.y.tolist()


# -- heat ------------------------------------------------------------------------------------

def test_kernel_density_integrates_to_the_events_and_peaks_at_the_cluster():
    rng = np.random.default_rng(8)
    xy = np.vstack([background(rng, 200), cluster(rng, 200, (1500, 4500), spread=40)])
    kde = hs.KernelDensity(bng_points(xy), bandwidth=200)
    area_km2 = (kde.cell / 1000) ** 2
    assert kde.density.sum() * area_km2 == pytest.approx(len(xy), rel=1e-3)
    row, col = np.unravel_index(kde.density.argmax(), kde.density.shape)
    peak = (kde.x0 + (col + 0.5) * kde.cell, kde.y0 + (row + 0.5) * kde.cell)
    assert np.hypot(peak[0] - ORIGIN[0] - 1500, peak[1] - ORIGIN[1] - 4500) < 100
    assert kde.at(np.array([peak[0]]), np.array([peak[1]]))[0] == pytest.approx(kde.density.max(), rel=0.05)


def test_kernel_density_matches_a_gaussian_kernel_for_one_point():
    one = bng_points(np.array([[ORIGIN[0] + 500.0, ORIGIN[1] + 500.0]]))
    kde = hs.KernelDensity(one, bandwidth=250, cell=10)
    # A 2-d normal of sd 250 m at 300 m from its centre, per km².
    expected = stats.norm.pdf(300, scale=250) * stats.norm.pdf(0, scale=250) * 1e6
    measured = kde.at(np.array([ORIGIN[0] + 800.0]), np.array([ORIGIN[1] + 500.0]))[0]
    assert measured == pytest.approx(expected, rel=0.03)


# -- emerging hot spots ----------------------------------------------------------------------

def test_emerging_hot_spots_find_new_intensifying_and_diminishing_cells():
    rng = np.random.default_rng(21)
    a, b, c = (1625, 1625), (4625, 4625), (1625, 4625)  # cell centres
    previous = bng_points(np.vstack([background(rng, 800), cluster(rng, 60, a), cluster(rng, 80, c)]))
    current = bng_points(np.vstack([background(rng, 800), cluster(rng, 200, a), cluster(rng, 150, b)]))
    emerging = hs.EmergingHotspots(current, previous, cell_size=250)
    frame = emerging.frame

    def trend_at(place):
        point = shapely.Point(ORIGIN[0] + place[0], ORIGIN[1] + place[1])
        return frame.loc[frame.contains(point), "trend"].iloc[0]

    assert trend_at(a) == "intensifying"
    assert trend_at(b) == "new"
    assert trend_at(c) == "diminishing"
    far = shapely.Point(ORIGIN[0] + 5800, ORIGIN[1] + 200)
    assert frame.loc[frame.contains(far), "trend"].iloc[0] == ""
    assert frame["count"].sum() == len(current) and frame["count_before"].sum() == len(previous)
    assert set(frame["trend"]) <= {"", *hs.TRENDS}


def test_emerging_with_an_empty_previous_window_calls_every_hot_cell_new():
    rng = np.random.default_rng(2)
    current = bng_points(np.vstack([background(rng, 500), cluster(rng, 80, (2000, 2000))]))
    frame = hs.EmergingHotspots(current, current.iloc[0:0], cell_size=250).frame
    hot = frame["hotspot_class"].str.startswith("hot")
    assert hot.any() and (frame.loc[hot, "trend"] == "new").all()


def test_windows_split_by_day_inclusive():
    events = pd.DataFrame({"on": [date(2026, 10, 31), date(2026, 10, 1), date(2026, 9, 30), date(2026, 9, 1),
                                  date(2026, 8, 31), None]})
    current, previous = hs.windows(events, date(2026, 10, 1), date(2026, 10, 31))
    assert list(current["on"]) == [date(2026, 10, 31), date(2026, 10, 1)]
    assert list(previous["on"]) == [date(2026, 9, 30), date(2026, 9, 1), date(2026, 8, 31)]


# -- bad input -------------------------------------------------------------------------------

def test_missing_and_non_numeric_values_name_the_field_and_rows(columbus):
    with pytest.raises(hs.HotspotError, match="no 'RATE' column") as missing:
        hs.polygon_hotspots(columbus, "RATE")
    assert missing.value.field == "RATE"
    broken = columbus.astype({"CRIME": object})
    broken.loc[[4, 9], "CRIME"] = ["n/a", None]
    with pytest.raises(hs.HotspotError, match="'n/a' is not a number") as bad:
        hs.polygon_hotspots(broken, "CRIME")
    assert bad.value.field == "CRIME" and bad.value.rows == [4, 9]


def test_too_few_areas_and_isolated_areas_are_refused(columbus):
    with pytest.raises(hs.HotspotError, match="at least 3 areas"):
        hs.polygon_hotspots(columbus.iloc[:2], "CRIME")
    with pytest.raises(hs.HotspotError, match="knn:49 needs more than 49 areas"):
        hs.polygon_hotspots(columbus, "CRIME", "knn:49")
    apart = columbus.iloc[[0, 30, 48]]  # three areas that share no border
    with pytest.raises(hs.HotspotError, match="no two areas share a border"):
        hs.polygon_hotspots(apart, "CRIME", "queen")
    island = pd.concat([columbus.iloc[:10], columbus.iloc[[48]]])
    with pytest.raises(hs.HotspotError, match="1 area\\(s\\) share no border") as isolated:
        hs.polygon_hotspots(island, "CRIME", "queen")
    assert isolated.value.rows == [10]
    with pytest.raises(hs.HotspotError, match="use queen, rook or knn:K"):
        hs.polygon_hotspots(columbus, "CRIME", "distance")


def test_points_outside_great_britain_and_bad_coordinates_are_refused():
    with pytest.raises(hs.HotspotError, match="swapped") as swapped:
        hs.grid_hotspots(hs.points_from_lonlat(pd.DataFrame({"lat": [53.4, -2.2], "lon": [-2.2, 53.4]})))
    assert swapped.value.rows == [1]
    with pytest.raises(hs.HotspotError, match="outside -90..90") as outside:
        hs.points_from_lonlat(pd.DataFrame({"lat": ["53.4", "95"], "lon": ["-2.2", "-2.2"]}))
    assert outside.value.field == "lat" and outside.value.rows == [1]
    with pytest.raises(hs.HotspotError, match="is empty"):
        hs.points_from_lonlat(pd.DataFrame({"lat": ["53.4", ""], "lon": ["-2.2", "-2.2"]}))
    with pytest.raises(hs.HotspotError, match="no events"):
        hs.grid_hotspots(hs.points_from_lonlat(pd.DataFrame({"lat": [], "lon": []})))
    with pytest.raises(hs.HotspotError, match="no coordinate reference system"):
        hs.grid_hotspots(gpd.GeoDataFrame(geometry=gpd.points_from_xy([1.0], [2.0])))


def test_a_grid_too_fine_for_the_extent_is_refused_before_any_work():
    with pytest.raises(hs.HotspotError, match="use a larger cell size"):
        hs.Grid.covering((0, 0, 700_000, 1_200_000), cell_size=50)


def test_emerging_weights_graph_is_the_gi_star_graph():
    # The weights esda sees: binary, no self-loops (esda adds the star itself).
    grid = hs.Grid.covering((ORIGIN[0], ORIGIN[1], ORIGIN[0] + 1000, ORIGIN[1] + 1000), 250)
    weights = grid.weights()
    assert isinstance(weights, Graph)
    assert set(np.unique(weights.sparse.data)) == {1.0}
    assert weights.sparse.diagonal().sum() == 0
