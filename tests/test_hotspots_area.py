"""Hot spots within an area (an analysis mask): Gi* over one council is Gi* over that council's
events alone, two towns never share a computation, and an unknown area is a clear error, from
Python, the command line, the API and the page, for analysts and (through the disclosure rules)
partners."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import esda
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from libpysal.weights import Queen
from shapely.geometry import Polygon, box
from test_web_fixtures import app, clients, web_users  # noqa: F401

from graph_service.analysis import hotspots as hs
from graph_service.db import connect
from ingest import ingest_paths
from ingest.areas import read_boundaries, store_areas

# -- two towns 60 km apart, a council each (irregular shapes), on the national grid ----------

TOWN_A = (414_000.0, 185_000.0)
TOWN_B = (472_000.0, 173_000.0)


def council(centre, half=4_000.0) -> Polygon:
    """An irregular council boundary (WGS84) round ``centre`` (national grid metres)."""
    x, y = centre
    corners = [(x - half, y - half * 0.7), (x + half * 0.8, y - half), (x + half, y + half * 0.6),
               (x - half * 0.3, y + half), (x - half, y + half * 0.2)]
    return gpd.GeoSeries([Polygon(corners)], crs=hs.BNG).to_crs(hs.WGS84).iloc[0]


COUNCILS = [hs.Area("local_authority:a", "Alderby Council", "local_authority", council(TOWN_A)),
            hs.Area("local_authority:b", "Brookton Council", "local_authority", council(TOWN_B))]
FORCE = hs.Area("force:f", "Both Towns Police", "force",
                gpd.GeoSeries([box(400_000, 160_000, 490_000, 200_000)], crs=hs.BNG).to_crs(hs.WGS84).iloc[0])
END = date(2026, 10, 31)
START = END - timedelta(days=89)


def events(seed: int, busy_b: int = 1) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Activity of both windows in both towns (and a few events between them, in no council),
    and signs of concern clustered at a hotel in each town."""
    rng = np.random.default_rng(seed)
    xs, ys, days = [], [], []
    for (x, y), n in ((TOWN_A, 600), (TOWN_B, 600 * busy_b), ((443_000.0, 179_000.0), 20)):
        xs += list(rng.normal(x, 1_500, n))
        ys += list(rng.normal(y, 1_500, n))
        days += list(rng.integers(0, 180, n))
    for (x, y) in (TOWN_A, TOWN_B):  # a cluster in each town centre
        xs += list(rng.normal(x + 600, 80, 60))
        ys += list(rng.normal(y + 600, 80, 60))
        days += list(rng.integers(0, 90, 60))
    activity = gpd.GeoDataFrame({"kind": "sighting", "weight": 1.0, "on": [END - timedelta(days=int(d)) for d in days]},
                                geometry=gpd.points_from_xy(xs, ys), crs=hs.BNG).to_crs(hs.WGS84)
    cx, cy = [], []
    for (x, y) in (TOWN_A, TOWN_B):
        cx += list(rng.normal(x - 900, 60, 12)) + list(rng.uniform(x - 3_000, x + 3_000, 15))
        cy += list(rng.normal(y + 300, 60, 12)) + list(rng.uniform(y - 3_000, y + 3_000, 15))
    concern = gpd.GeoDataFrame({"reason": ["found_after_missing"] * len(cx), "kind": "missing", "weight": 1.0},
                               geometry=gpd.points_from_xy(cx, cy), crs=hs.BNG).to_crs(hs.WGS84)
    return activity, concern


def esda_alone(points: gpd.GeoDataFrame, area: hs.Area, cell: float = 250.0) -> dict[str, float]:
    """Gi* z of each cell meeting ``area``, made without the service's grid: the squares of the
    national grid that meet the area, counted by hand, queen contiguity from libpysal, esda."""
    boundary = gpd.GeoSeries([area.geometry], crs=hs.WGS84).to_crs(hs.BNG).iloc[0]
    xmin, ymin, xmax, ymax = boundary.bounds
    squares = {}
    for i in range(math.floor(xmin / cell), math.floor(xmax / cell) + 1):
        for j in range(math.floor(ymin / cell), math.floor(ymax / cell) + 1):
            square = box(i * cell, j * cell, (i + 1) * cell, (j + 1) * cell)
            if square.intersects(boundary):
                squares[(i, j)] = square
    y = dict.fromkeys(squares, 0.0)
    bng = points.to_crs(hs.BNG)
    for point in bng.geometry:
        if boundary.intersects(point):
            y[(math.floor(point.x / cell), math.floor(point.y / cell))] += 1.0
    keys = list(squares)
    w = Queen.from_iterable([squares[k] for k in keys])
    z = esda.G_Local(np.array([y[k] for k in keys]), w, transform="B", star=True, permutations=0).Zs
    return {f"{cell:g}m-E{i * cell:.0f}-N{j * cell:.0f}": float(value) for (i, j), value in zip(keys, z, strict=True)}


@pytest.mark.parametrize("seed", [3, 11])
def test_gi_star_within_one_council_is_esda_on_that_councils_events_alone(seed):
    activity, concern = events(seed)
    layer = hs.window_layer(activity, concern, START, END, 250, units=COUNCILS)
    current = activity[[START <= d <= END for d in activity["on"]]]
    for area in COUNCILS:
        cells = layer.cells[layer.cells["area_id"] == area.area_id].set_index("cell_id")
        activity_z = esda_alone(current, area)
        concern_z = esda_alone(concern, area)
        assert set(cells.index) == set(activity_z)
        assert np.allclose(cells.loc[list(activity_z), "gi_z"], list(activity_z.values()))
        assert np.allclose(cells.loc[list(concern_z), "concern_z"], list(concern_z.values()))
    # Events between the towns, in neither council, were left out of the analysis.
    inside = sum(len(hs.within(current, a)) for a in COUNCILS)
    assert len(layer.current) == inside < len(current)
    assert int(layer.cells["count"].sum()) == inside


def test_two_towns_never_share_a_computation():
    activity, concern = events(5)
    quiet = hs.window_layer(activity, concern, START, END, 250, units=COUNCILS).cells
    # Brookton seven times as busy, its hotel's signs doubled: Alderby's figures do not move.
    rng = np.random.default_rng(99)
    more = gpd.GeoDataFrame({"kind": ["sighting"] * 4000, "weight": 1.0, "on": END - timedelta(days=3)},
                            geometry=gpd.points_from_xy(rng.normal(TOWN_B[0], 900, 4000), rng.normal(TOWN_B[1], 900, 4000)),
                            crs=hs.BNG).to_crs(hs.WGS84)
    busy = hs.window_layer(pd.concat([activity, more]), pd.concat([concern, concern.iloc[27:39]]), START, END, 250,
                           units=COUNCILS).cells
    for area, moved in ((COUNCILS[0], False), (COUNCILS[1], True)):
        before = quiet[(quiet["area_id"] == area.area_id).to_numpy()].set_index("cell_id")
        after = busy[(busy["area_id"] == area.area_id).to_numpy()].set_index("cell_id").loc[before.index]
        same = [np.allclose(after[c].astype(float), before[c].astype(float)) for c in ("gi_z", "concern_z")]
        assert same == [not moved, not moved]
    # Each cell belongs to one council's computation, inside that council.
    for area in COUNCILS:
        mine = quiet[(quiet["area_id"] == area.area_id).to_numpy()]
        assert shapely.intersects(area.bng, mine.geometry.values).all()
    # Each town's hotel is a hot spot of concern at 99% in its own council, and ranks lead there.
    for (x, y) in (TOWN_A, TOWN_B):
        at = quiet[quiet.geometry.contains(shapely.Point(x - 900, y + 300))].iloc[0]
        assert at["concern_class"] == "hot_99" and at["rank"] <= 2
    # One study area round both towns instead: the mask changes the answer.
    whole = hs.window_layer(activity, concern, START, END, 250, units=None).cells
    assert len(whole) > len(quiet)


def test_an_area_holding_two_councils_is_computed_council_by_council():
    areas = [FORCE, *COUNCILS]
    assert [u.area_id for u in hs.analysis_units(areas, FORCE)] == ["local_authority:a", "local_authority:b"]
    assert [u.area_id for u in hs.analysis_units(areas)] == ["local_authority:a", "local_authority:b"]
    assert hs.analysis_units(areas, COUNCILS[1]) == [COUNCILS[1]]
    assert hs.analysis_units([]) is None
    ward = hs.Area("ward:a-north", "Alderby North", "ward", COUNCILS[0].geometry)
    assert hs.analysis_units([*areas, ward], ward) == [ward]


def test_an_area_is_found_by_id_or_name_and_an_unknown_one_is_a_clear_error():
    areas = [FORCE, *COUNCILS]
    assert hs.find_area(areas, "local_authority:b") is COUNCILS[1]
    assert hs.find_area(areas, "alderby council") is COUNCILS[0]
    with pytest.raises(hs.UnknownArea) as unknown:
        hs.find_area(areas, "Nowhere Council")
    assert "'Nowhere Council'" in str(unknown.value)
    assert "local_authority:a (Alderby Council)" in str(unknown.value) and "force:f" in str(unknown.value)
    with pytest.raises(hs.UnknownArea, match="no areas are loaded"):
        hs.find_area([], "Alderby Council")


# -- the stored data: command line, API, page -------------------------------------------------

def _lonlat(x: float, y: float) -> tuple[float, float]:
    point = gpd.GeoSeries([shapely.Point(x, y)], crs=hs.BNG).to_crs(hs.WGS84).iloc[0]
    return round(point.y, 6), round(point.x, 6)


def stored_world(today: date) -> list[dict]:
    """A hotel in each town where children were found after missing episodes, shops round it
    with sightings, and a shop between the towns in no council."""
    out = [{"type": "person", "person_id": "A1", "dob": "1980-01-01"}]
    for town, (x, y) in (("A", TOWN_A), ("B", TOWN_B)):
        lat, lon = _lonlat(x - 900, y + 300)
        out.append({"type": "location", "location_id": f"HOTEL-{town}", "name": f"Hotel {town}", "category": "hotel",
                    "lat": lat, "lon": lon})
        for n in range(6):
            out.append({"type": "person", "person_id": f"C{town}{n}", "dob": f"{today.year - 14}-01-0{n + 1}"})
            found = today - timedelta(days=5 + 9 * n)
            out.append({"type": "missing_episode", "episode_id": f"M{town}{n}", "person_id": f"C{town}{n}",
                        "reported_at": f"{found - timedelta(days=1)}T20:00:00Z", "found_at": f"{found}T02:00:00Z",
                        "found_location_id": f"HOTEL-{town}"})
        for i in range(30):
            lat, lon = _lonlat(x - 2_500 + 170 * (i % 6) * 5, y - 2_500 + 170 * (i // 6) * 5)
            out.append({"type": "location", "location_id": f"SHOP-{town}{i}", "name": f"Shop {town}{i}",
                        "category": "shop", "lat": lat, "lon": lon})
            out.append({"type": "sighting", "sighting_id": f"S-{town}{i}", "observed_at": f"{today - timedelta(days=i)}"
                        "T12:00:00Z", "location_id": f"SHOP-{town}{i}", "source": "officer", "person_ids": ["A1"]})
    lat, lon = _lonlat(443_000, 179_000)
    out.append({"type": "location", "location_id": "BETWEEN", "name": "Between", "category": "shop",
                "lat": lat, "lon": lon})
    out.append({"type": "sighting", "sighting_id": "S-BETWEEN", "observed_at": f"{today - timedelta(days=3)}T12:00:00Z",
                "location_id": "BETWEEN", "source": "officer", "person_ids": ["A1"]})
    return out


WARD = "Alderby <b>North</b>"  # intake text: escaped wherever it is shown


@pytest.fixture(scope="module")
def area_world(neo4j_server, settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hotspot-areas")
    (folder / "world.jsonl").write_text("".join(json.dumps(r) + "\n" for r in stored_world(date.today())))
    councils = folder / "councils.geojson"
    gpd.GeoDataFrame({"name": [a.name for a in COUNCILS]}, geometry=[a.geometry for a in COUNCILS],
                     crs=hs.WGS84).to_file(councils)
    wards = folder / "wards.geojson"
    north = COUNCILS[0].geometry.intersection(box(-180, COUNCILS[0].geometry.centroid.y, 180, 90))
    gpd.GeoDataFrame({"name": [WARD]}, geometry=[north], crs=hs.WGS84).to_file(wards)
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [folder / "world.jsonl"])
        store_areas(db, read_boundaries(councils, "local_authority", "name"), source="councils.geojson")
        store_areas(db, read_boundaries(wards, "ward", "name"), source="wards.geojson")
        yield db


def test_the_command_computes_within_the_area_named_and_refuses_an_unknown_one(area_world, cli, tmp_path):
    out = tmp_path / "a.geojson"
    done = cli("hotspots", "--from", str(date.today() - timedelta(days=89)), "--area", "Alderby Council",
               "--out", str(out), "--map", str(tmp_path / "a.html"), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["areas"] == ["local_authority:alderby-council"] and summary["events"] == 6 + 30
    cells = gpd.read_file(out)
    assert set(cells["area_id"]) == {"local_authority:alderby-council"}
    assert "Area boundaries" in (tmp_path / "a.html").read_text()

    both = cli("hotspots", "--from", str(date.today() - timedelta(days=89)), "--out", str(out), "--json")
    summary = json.loads(both.stdout)
    # Each council on its own; the shop between the towns is in neither, so left out.
    assert summary["areas"] == ["local_authority:alderby-council", "local_authority:brookton-council"]
    assert summary["events"] == 2 * (6 + 30)

    unknown = cli("hotspots", "--area", "Nowhere", "--out", str(tmp_path / "x.geojson"))
    assert unknown.returncode == 1 and not (tmp_path / "x.geojson").exists()
    assert "'Nowhere'" in unknown.stderr and "local_authority:alderby-council (Alderby Council)" in unknown.stderr


def test_the_api_and_page_compute_within_the_area_chosen(area_world, clients):
    analyst = clients["analyst"]
    data = analyst.get("/api/v1/hotspots/cells?area=Brookton Council").get_json()
    assert data["area"] == "local_authority:brookton-council"
    assert {i["area_id"] for i in data["items"]} == {"local_authority:brookton-council"}
    assert data["items"][0]["rank"] == 1 and data["summary"]["events"] == 6 + 30

    default = analyst.get("/api/v1/hotspots/cells").get_json()
    assert default["area"] is None and default["summary"]["areas"] == [
        "local_authority:alderby-council", "local_authority:brookton-council"]

    unknown = analyst.get("/api/v1/hotspots/cells?area=Nowhere")
    assert unknown.status_code == 400
    message = json.dumps(unknown.get_json())
    assert "Nowhere" in message and "local_authority:brookton-council (Brookton Council)" in message

    page = analyst.get("/hotspots?area=local_authority:alderby-council").get_data(as_text=True)
    assert '<select id="area" name="area">' in page
    assert '<option value="local_authority:alderby-council" selected>' in page
    assert "Alderby &lt;b&gt;North&lt;/b&gt;" in page and "<b>North</b>" not in page
    assert "The map opens on the cells of most concern in <strong>Alderby Council</strong>" in page
    frame = analyst.get("/hotspots/map?area=local_authority:alderby-council").get_data(as_text=True)
    assert "Area boundaries" in frame
    default_page = analyst.get("/hotspots").get_data(as_text=True)
    assert "each on its own" in default_page and "the area of most concern" in default_page


def test_partners_choose_councils_not_wards(area_world, clients):
    partner = clients["partner"]
    council = partner.get("/api/v1/hotspots/cells?area=local_authority:alderby-council")
    assert council.status_code == 200
    assert {i["area_id"] for i in council.get_json()["items"]} <= {"local_authority:alderby-council"}
    ward = partner.get("/api/v1/hotspots/cells?area=ward:alderby-b-north-b")
    assert ward.status_code == 400 and "council" in json.dumps(ward.get_json())
    page = partner.get("/hotspots").get_data(as_text=True)
    assert "ward:" not in page.split('<select id="area"')[1].split("</select>")[0]
