"""What MACSE partners receive (graph_service/disclosure/), one test per point found when
partner views were checked for statistical disclosure, and the audit of every partner view.

A small world on the real Neo4j, served by the real app to logged-in users: the dashboard
fixtures' world, plus a place (L5) that code P intelligence names ten times, a place (L6)
in the next cell where one child was found, three children found at a home address, and a
report naming a place (L7) 5 km away, so that the study area has cells enough for Gi*.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import geopandas as gpd
import pytest
from pyproj import Transformer
from test_web_fixtures import BY_ROLE, app, clients, web_users, world, write_world  # noqa: F401

from graph_service import disclosure
from graph_service.analysis.networks import run_networks
from graph_service.db import connect
from graph_service.security.audit import AuditLog
from ingest import ingest_paths

TO_WGS84 = Transformer.from_crs("EPSG:27700", 4326, always_xy=True)
TO_GRID = Transformer.from_crs(4326, "EPSG:27700", always_xy=True)
#: L5 at the centre of one 250 m cell, L6 at the centre of the cell east of it.
L5_XY, L6_XY = (435125.0, 387125.0), (435375.0, 387125.0)
L7_XY = (439125.0, 391125.0)
HOME = (53.3700, -1.4800)  # L3, "12 Acre Lane", home_address


def _lat_lon(xy):
    lon, lat = TO_WGS84.transform(*xy)
    return round(lat, 6), round(lon, 6)


def _cell_of(lat, lon, size=250) -> str:
    x, y = TO_GRID.transform(lon, lat)
    return f"{size}m-E{int(x // size * size)}-N{int(y // size * size)}"


def partner_world(today: date | None = None) -> list[dict]:
    today = today or date.today()

    def at(n: int, hour: int = 21) -> str:
        return f"{(today - timedelta(days=n)).isoformat()}T{hour:02d}:00:00Z"

    (lat5, lon5), (lat6, lon6), (lat7, lon7) = _lat_lon(L5_XY), _lat_lon(L6_XY), _lat_lon(L7_XY)
    extra = [
        {"type": "location", "location_id": "L5", "name": "Station Taxi Rank", "category": "taxi_rank",
         "lat": lat5, "lon": lon5},
        {"type": "location", "location_id": "L6", "name": "Corner Park", "category": "park", "lat": lat6, "lon": lon6},
        {"type": "location", "location_id": "L7", "name": "Riverside Park", "category": "park", "lat": lat7, "lon": lon7},
        {"type": "intel", "intel_id": "I30", "reported_on": at(40)[:10], "source_evaluation": "2",
         "intelligence_assessment": "B", "handling_code": "P", "summary": "Seen at the riverside"},
        {"type": "link", "link_id": "K30", "intel_id": "I30", "subject_type": "person", "subject_id": "P2",
         "relation": "seen_at", "object_type": "location", "object_id": "L7", "observed_at": at(40)},
    ]
    for n in range(10):
        extra += [
            {"type": "intel", "intel_id": f"I{10 + n}", "reported_on": at(20 + n)[:10], "source_evaluation": "1",
             "intelligence_assessment": "A", "handling_code": "P", "summary": "Seen at the taxi rank"},
            {"type": "link", "link_id": f"K{10 + n}", "intel_id": f"I{10 + n}", "subject_type": "person",
             "subject_id": "P3", "relation": "frequents", "object_type": "location", "object_id": "L5",
             "observed_at": at(20 + n)},
        ]
    extra.append({"type": "missing_episode", "episode_id": "E6", "person_id": "P4", "reported_at": at(7, 18),
                  "found_at": at(6, 1), "found_location_id": "L6"})
    for n, child in enumerate(["P1", "P4", "P1"], start=3):
        extra.append({"type": "missing_episode", "episode_id": f"E{n}", "person_id": child,
                      "reported_at": at(30 + n, 18), "found_at": at(29 + n, 1), "found_location_id": "L3"})
    return world(today) + extra


@pytest.fixture(scope="module")
def shared(neo4j_server, settings, tmp_path_factory):
    """The world loaded and its networks detected before the module's app answers anything."""
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("partner-world"), partner_world())])
        run_networks(db, seed=42)
        yield db


def body(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


# -- hot spot layer ----------------------------------------------------------------------------

def test_partner_cells_carry_no_weighted_value_of_a_withheld_count(shared, clients):
    for path in ("/api/v1/hotspots", "/hotspots/export.geojson"):
        features = json.loads(body(clients["partner"].get(path)))["features"]
        small = [f["properties"] for f in features if f["properties"]["count"] is None]
        assert small, "the world has cells with one event"
        assert all(p["value"] is None for p in small), small


def test_the_hot_spot_geopackage_holds_what_the_geojson_does_for_each_role(shared, clients, tmp_path):
    for role in ("partner", "analyst"):
        geojson = json.loads(body(clients[role].get("/hotspots/export.geojson")))["features"]
        answer = clients[role].get("/hotspots/export.gpkg")
        assert answer.status_code == 200 and answer.mimetype == "application/geopackage+sqlite3"
        path = tmp_path / f"{role}.gpkg"
        path.write_bytes(answer.data)
        layer = gpd.read_file(path, layer="hotspots")
        assert layer.crs.to_epsg() == 4326
        assert layer["cell_id"].tolist() == [f["properties"]["cell_id"] for f in geojson]
        for column in ("count", "value", "hotspot_class"):
            assert [None if v != v else v for v in layer[column].tolist()] == \
                [f["properties"][column] for f in geojson], (role, column)
        from shapely.geometry import shape

        assert all(g.equals_exact(shape(f["geometry"]), 1e-9) for g, f in zip(layer.geometry, geojson, strict=True))


def test_partner_summary_withholds_small_event_totals(shared, clients):
    analyst = clients["analyst"].get("/api/v1/hotspots?kinds=missing&kinds=intel").get_json()["properties"]
    assert analyst["events_by_kind"]["missing"] == 5  # E1, E6 and three found at home
    for summary in (clients["partner"].get("/api/v1/hotspots").get_json()["properties"],
                    clients["partner"].get("/api/v1/hotspots/cells").get_json()["summary"]):
        # Found after missing: E1 and E6 (the three at home do not count): 2, withheld; and
        # with it the breakdown, since 14 events less 12 code P places would give the 2 away.
        assert summary["events"] == 14
        assert summary["events_by_kind"] is None
    only_missing = clients["partner"].get("/api/v1/hotspots?kinds=missing").get_json()["properties"]
    assert only_missing["events"] is None and only_missing["events_by_kind"] == {"missing": None}
    page = body(clients["partner"].get("/hotspots?kinds=missing"))
    assert re.search(r"Events in the window</dt><dd>fewer than 3</dd>", page)


def test_partner_map_tooltips_show_no_small_counts(shared, clients):
    # The park (L6, one child found) sits beside the taxi rank's ten reports: its cell is hot
    # and new, so its tooltips would carry the one event.
    park = _cell_of(*_lat_lon(L6_XY))
    rows = {r["cell_id"]: r for r in clients["analyst"].get("/api/v1/hotspots/cells").get_json()["items"]}
    assert rows[park]["count"] == 1 and rows[park]["hotspot_class"].startswith("hot") and rows[park]["trend"]
    page = body(clients["partner"].get("/hotspots/map"))
    assert not re.search(r'"(value|now|before|count)": ?[12](\.0+)?[,}]', page)
    assert '"now": "fewer than 3"' in page and '"value": "fewer than 3"' in page
    assert re.search(r'"(value|now)": ?1[,}]', body(clients["analyst"].get("/hotspots/map")))


def test_partner_heat_is_drawn_from_cells_of_at_least_3_events(shared, app):
    from graph_service.web import hotspots

    with app.test_request_context("/hotspots"):
        choice = hotspots.Choice(date.today() - timedelta(days=89), date.today(), disclosure.KINDS, 250, True)
        layer = hotspots.compute(choice)
    points = layer.heat.to_crs("EPSG:27700")
    # Only the taxi rank's cell holds 3 or more events: one point, at the cell's centre.
    assert [(round(p.x), round(p.y)) for p in points.geometry] == [L5_XY]
    assert list(points["weight"]) == [10.0]


def test_found_at_home_episodes_do_not_count_for_partners(shared, clients):
    home = _cell_of(*HOME)
    analyst = {f["properties"]["cell_id"]: f["properties"] for f in
               clients["analyst"].get("/api/v1/hotspots").get_json()["features"]}
    assert analyst[home]["count"] == 3
    partner = {f["properties"]["cell_id"]: f["properties"] for f in
               clients["partner"].get("/api/v1/hotspots").get_json()["features"]}
    assert partner.get(home, {"count": 0})["count"] == 0


@pytest.mark.parametrize("query, words", [
    ("from={d27}&to={today}", "at least 28 days"),
    ("from={today}&to={today}", "at least 28 days"),
    ("cell=100", "at least 250 m"),
])
def test_partner_windows_under_28_days_and_cells_under_250_m_are_refused(shared, clients, query, words):
    today = date.today()
    query = query.format(today=today, d27=today - timedelta(days=26))
    for path in ("/api/v1/hotspots", "/api/v1/hotspots/cells", "/hotspots", "/hotspots/map",
                 "/hotspots/export.geojson", "/hotspots/print"):
        response = clients["partner"].get(f"{path}?{query}")
        assert response.status_code == 400, path
        assert words in response.get_data(as_text=True)
    assert clients["analyst"].get(f"/api/v1/hotspots?{query}").status_code == 200
    assert 'value="100"' not in body(clients["partner"].get("/hotspots"))


def test_the_partners_hot_spot_page_names_only_the_evidence_partners_are_given(shared, clients):
    # A partner's layer holds no sightings: its page must not say children seen with adults count.
    partner = " ".join(body(clients["partner"].get("/hotspots")).split())
    assert "seen with adults not their family" not in partner and "shareable with partners (code P)" in partner
    assert "seen with adults not their family" in " ".join(body(clients["analyst"].get("/hotspots")).split())


# -- home --------------------------------------------------------------------------------------

def test_partner_home_counts_are_withheld_when_small(shared, clients):
    counts = clients["partner"].get("/api/v1/summary").get_json()["counts"]
    assert counts["still_missing"] is None  # one child (P4, E2)
    assert counts["intel_reports_shareable"] == 13 and counts["missing_episodes"] == 6
    assert counts["missing_episodes_recent"] == 3  # E1, E2, E6; the three older ones at home
    assert all(v is None or v == 0 or v >= 3 for k, v in counts.items() if k != "recent_days"), counts
    page = body(clients["partner"].get("/"))
    assert re.search(r"Children still missing</dt><dd>fewer than 3</dd>", page)


def test_partner_home_withholds_a_recent_figure_whose_whole_minus_it_is_small(shared, clients):
    # 13 code P reports, 11 of them in the last 28 days: publishing both says that two are older.
    counts = clients["partner"].get("/api/v1/summary").get_json()["counts"]
    assert counts["intel_reports_shareable"] == 13 and counts["intel_reports_shareable_recent"] is None
    page = body(clients["partner"].get("/"))
    assert re.search(r"reports \(code P\)</dt><dd>13</dd></div>\s*<div><dt>… in the last 28 days</dt><dd>withheld</dd>",
                     page)


# -- network summaries -------------------------------------------------------------------------

def test_partner_network_summary_lists_no_child_per_member_and_withholds_small_counts(shared, clients):
    (summary,) = clients["partner"].get("/api/v1/networks/summaries").get_json()["items"]
    assert summary["members"] == 3 and summary["children"] is None
    assert summary["shareable_ties"] is None and summary["reports"] is None  # two of each
    assert all(set(m) == {"pseudonym", "shareable_ties"} for m in summary["member_list"])
    assert all(m["shareable_ties"] is None for m in summary["member_list"])  # 1 or 2 ties each
    page = body(clients["partner"].get("/networks"))
    assert "child" not in re.sub(r"Children among them|children", "", page.split("<main", 1)[1]).lower()


def test_partner_network_places_with_a_withheld_count_are_not_at_their_exact_place(shared, clients):
    (summary,) = clients["partner"].get("/api/v1/networks/summaries").get_json()["items"]
    places = {p["name"]: p for p in summary["places"]}
    hotel = places["Park View Hotel"]  # L2: one member (P3) frequents it
    assert hotel["members"] is None and hotel["exact"] is False
    assert (hotel["lat"], hotel["lon"]) != (53.3860, -1.4650)
    assert (hotel["lat"], hotel["lon"]) == disclosure.snapped(53.3860, -1.4650)
    assert "53.386," not in body(clients["partner"].get("/api/v1/networks/summaries"))


# -- the audit of partner views ----------------------------------------------------------------

PARTNER_VIEWS = [
    ("/networks", "networks.summaries"),
    ("/api/v1/networks/summaries", "networks.summaries"),
    ("/hotspots", "hotspots.view"),
    ("/hotspots/print", "hotspots.print"),
    ("/hotspots/map", "hotspots.map"),
    ("/hotspots/export.geojson", "hotspots.export"),
    ("/api/v1/hotspots", "hotspots.export"),
    ("/api/v1/hotspots/cells", "hotspots.view"),
    ("/", "home.view"),
]


@pytest.mark.parametrize("path, action", PARTNER_VIEWS, ids=[p for p, _ in PARTNER_VIEWS])
def test_every_partner_view_is_audited(shared, settings, clients, path, action):
    log = AuditLog.of(settings)
    before = log.verify().entries
    body(clients["partner"].get(path))
    new = [(e.user, e.action) for e in list(log.entries())[before:]]
    assert new == [(BY_ROLE["partner"], action)]
    assert log.verify().ok


@pytest.mark.parametrize("path, action", [("/hotspots/map", "hotspots.map"),
                                          ("/api/v1/hotspots/cells", "hotspots.view")])
def test_hotspot_map_and_cells_are_audited_for_analysts_too(shared, settings, clients, path, action):
    log = AuditLog.of(settings)
    before = log.verify().entries
    body(clients["analyst"].get(path))
    entries = list(log.entries())[before:]
    assert [(e.user, e.action) for e in entries] == [(BY_ROLE["analyst"], action)]
    assert json.loads(entries[0].detail)["cell"] == 250


# -- the rules themselves ------------------------------------------------------------------------

def test_heat_points_are_cell_centres_of_cells_with_3_events_or_more():
    from shapely.geometry import box

    frame = gpd.GeoDataFrame({"count": [1, 3, 0, 7], "value": [1.0, 2.5, 0.0, 7.0]},
                             geometry=[box(0, 0, 250, 250), box(250, 0, 500, 250), box(0, 250, 250, 500),
                                       box(250, 250, 500, 500)], crs="EPSG:27700")
    points = disclosure.heat_points(disclosure.cells(frame))
    assert [(p.x, p.y) for p in points.geometry] == [(375.0, 125.0), (375.0, 375.0)]
    assert list(points["weight"]) == [2.5, 7.0]


def test_cells_withhold_counts_and_values_below_3_only():
    from shapely.geometry import box

    frame = gpd.GeoDataFrame({"count": [0, 1, 2, 3], "value": [0.0, 0.6, 2.0, 3.0], "count_before": [2, 0, 5, 1],
                              "value_before": [2.0, 0.0, 5.0, 0.1]},
                             geometry=[box(i, 0, i + 1, 1) for i in range(4)], crs="EPSG:27700")
    shown = disclosure.cells(frame)
    assert shown["count"].isna().tolist() == [False, True, True, False]
    assert shown["count"].dropna().tolist() == [0, 3]
    assert shown["value"].isna().tolist() == [False, True, True, False]
    assert shown["count_before"].isna().tolist() == [True, False, False, True]
    assert shown["value_before"].isna().tolist() == [True, False, False, True]


def test_the_disclosure_modules_examples_hold():
    import doctest
    import importlib
    import pkgutil

    modules = [importlib.import_module(f"graph_service.disclosure.{m.name}") for m in pkgutil.iter_modules(disclosure.__path__)]
    assert {m.__name__.rsplit(".", 1)[1] for m in modules} == {"rules", "hotspots", "networks", "profile", "differencing"}
    results = [doctest.testmod(module) for module in modules]
    assert sum(r.failed for r in results) == 0 and all(r.attempted for r in results)
