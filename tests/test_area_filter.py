"""The area filter of the networks and candidate lists (issue #14) over Bolt, on a small hand-made
world: two councils side by side, a network in each, candidates and an excluded pair in each, and
intelligence graded E placing a member of the eastern network in the west (never counted). The
API, the pages, the downloads and the commands each narrow to the area asked for with the right
totals; an unknown area is a clear error on the command line and a 404 in the API; a browser test chooses the area on the networks page."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import geopandas as gpd
import pytest
from shapely.geometry import box
from test_networks_cross_border import network_of
from test_web_fixtures import app, clients, csrf_token, log_in, serving, web_users, write_world  # noqa: F401

from graph_service.analysis.networks import run_networks
from graph_service.db import connect
from graph_service.security.audit import AuditLog
from ingest import ingest_paths
from ingest.areas import read_boundaries, store_areas

pytestmark = pytest.mark.neo4j
TODAY = date.today()
#: Two councils side by side (0.01 degrees is about 700 m here), a place in each.
COUNCILS = {"Westby": box(-1.80, 51.50, -1.79, 51.51), "Eastby": box(-1.79, 51.50, -1.78, 51.51)}
PLACES = {"W1": (51.505, -1.795), "E1": (51.505, -1.785)}
WEST, EAST = "local_authority:westby", "local_authority:eastby"


def at(days_ago: int) -> str:
    return f"{(TODAY - timedelta(days=days_ago)).isoformat()}T20:00:00Z"


def born(years: float) -> str:
    return (TODAY - timedelta(days=round(years * 365.25))).isoformat()


def world() -> list[dict]:
    people = [{"type": "person", "person_id": pid, "forename": name, "surname": "Test", "dob": dob}
              for pid, name, dob in [
                  ("WC", "Wren", born(14)), ("WA1", "Walt", "1980-01-01"), ("WA2", "Wade", "1981-01-01"),
                  ("EC", "Esme", born(13)), ("EA1", "Emil", "1979-01-01"), ("EA2", "Enzo", "1982-01-01"),
                  # 16 and not in care: each seen with an adult, an excluded pair in each council
                  ("WY", "Wynn", born(16.5)), ("WX", "Wilf", "1970-01-01"),
                  ("EY", "Elsa", born(16.5)), ("EX", "Eric", "1971-01-01")]]
    places = [{"type": "location", "location_id": lid, "name": f"Place {lid}", "category": "park", "lat": lat,
               "lon": lon} for lid, (lat, lon) in PLACES.items()]
    intel = [{"type": "intel", "intel_id": "IE", "reported_on": at(30)[:10], "source_evaluation": "3",
              "intelligence_assessment": "E", "handling_code": "P", "summary": "suspected false"}]
    links = [  # suspected false: Emil is not placed in Westby by it
        {"type": "link", "link_id": "KE", "intel_id": "IE", "subject_type": "person", "subject_id": "EA1",
         "relation": "frequents", "object_type": "location", "object_id": "W1", "observed_at": at(20)}]
    sightings = [
        {"type": "sighting", "sighting_id": sid, "observed_at": at(days), "location_id": where, "source": "officer",
         "person_ids": seen}
        for sid, days, where, seen in [
            ("SW1", 10, "W1", ["WC", "WA1", "WA2"]), ("SW2", 8, "W1", ["WC", "WA1", "WA2"]),
            ("SE1", 10, "E1", ["EC", "EA1", "EA2"]), ("SE2", 8, "E1", ["EC", "EA1", "EA2"]),
            ("SWX", 6, "W1", ["WY", "WX"]), ("SEX", 6, "E1", ["EY", "EX"])]]
    return people + places + intel + links + sightings


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("area_filter")
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(folder / "world", world())])
        councils = folder / "councils.geojson"
        gpd.GeoDataFrame({"name": list(COUNCILS)}, geometry=list(COUNCILS.values()), crs="EPSG:4326").to_file(councils)
        store_areas(db, read_boundaries(councils, "local_authority", "name"), source="councils.geojson")
        run_networks(db, as_of=TODAY)
        yield db


def pairs(items: list[dict]) -> set[tuple[str, str]]:
    return {(line["adult_id"], line["child_id"]) for line in items}


# -- networks ------------------------------------------------------------------------------------

def test_the_networks_api_lists_only_the_networks_with_a_member_in_the_area(loaded, clients, settings):
    west, east = network_of(loaded, "WA1"), network_of(loaded, "EA1")
    everything = clients["analyst"].get("/api/v1/networks").get_json()
    assert {n["network_id"] for n in everything["items"]} == {west, east} and everything["area"] is None
    # by name or by ID; Emil's E-graded link to a place in Westby never counts
    for asked in ("Westby", WEST):
        found = clients["analyst"].get(f"/api/v1/networks?area={asked}").get_json()
        assert [n["network_id"] for n in found["items"]] == [west] and found["total"] == 1
        assert found["area"] == {"area_id": WEST, "name": "Westby", "level": "local_authority"}
        assert found["items"][0]["reasons"] == next(n["reasons"] for n in everything["items"] if n["network_id"] == west)
    east_page = clients["analyst"].get(f"/api/v1/networks?area={EAST}").get_json()
    assert [n["network_id"] for n in east_page["items"]] == [east] and east_page["total"] == 1
    entry = AuditLog.of(settings).newest(1, action="networks.view")[0]
    assert entry.detail == f"area {EAST}" and set(entry.ids) <= {"EC", "EA1", "EA2"}
    other = clients["analyst"].get(f"/api/v1/networks?area={EAST}&group=other").get_json()
    assert other["items"] == [] and other["total"] == 0  # both networks are of concern


def test_an_unknown_area_is_a_404_and_the_area_keeps_to_the_next_page(loaded, clients):
    # as the problem profile's API answers an unknown area; a name two areas share is a 400
    assert clients["analyst"].get("/api/v1/networks?area=Nowhere").status_code == 404
    assert clients["disruption_lead"].get("/api/v1/candidates?area=Nowhere").status_code == 404
    assert clients["analyst"].get("/networks?area=Nowhere").status_code == 404
    long = clients["analyst"].get("/api/v1/networks?area=" + "x" * 201)
    assert long.status_code == 400 and long.get_json()["message"].startswith("area: at most 200")
    first = clients["analyst"].get("/api/v1/networks?per_page=1").get_json()
    assert first["total"] == 2 and "page=2" in first["next"]
    narrowed = clients["analyst"].get(f"/api/v1/networks?per_page=1&area={WEST}").get_json()
    assert narrowed["total"] == 1 and narrowed["next"] is None


def test_the_networks_page_offers_the_loaded_areas_and_keeps_the_area_in_its_links(loaded, clients, settings):
    west, east = network_of(loaded, "WA1"), network_of(loaded, "EA1")
    html = clients["analyst"].get(f"/networks?area={EAST}").get_data(as_text=True)
    assert f"Network {east}<" in html and f"Network {west}<" not in html
    assert f'<option value="{WEST}">Westby (local authority)</option>' in html
    assert f'<option value="{EAST}" selected>Eastby (local authority)</option>' in html
    assert f"group=other&amp;area={EAST}" in html  # the other groups, in the same area
    assert f"area={EAST}" in html.split('class="map-frame"')[1].split(">")[0]
    # the map of the key players beside the list shows those of the area's networks only
    assert clients["analyst"].get(f"/networks/map?area={EAST}").status_code == 200
    mapped = set(AuditLog.of(settings).newest(1, action="networks.map")[0].ids)
    assert mapped and mapped <= {"EC", "EA1", "EA2"}


def test_networks_list_command_narrows_to_the_area_and_names_an_unknown_one(loaded, cli, settings):
    west = network_of(loaded, "WA1")
    listed = cli("networks", "list", "--area", "Westby", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [row["network_id"] for row in json.loads(listed.stdout)] == [west]
    entry = AuditLog.of(settings).newest(1, action="networks.list")[0]
    assert f"area={WEST}" in entry.detail
    unknown = cli("networks", "list", "--area", "Nowhere")
    assert unknown.returncode != 0
    assert "no loaded area has the ID or name 'Nowhere'" in unknown.stderr and "areas list" in unknown.stderr


# -- candidates ----------------------------------------------------------------------------------

def test_the_candidates_api_narrows_both_tabs_to_the_area(loaded, clients, settings):
    lead = clients["disruption_lead"]
    whole = lead.get("/api/v1/candidates").get_json()
    assert pairs(whole["items"]) == {("WA1", "WC"), ("WA2", "WC"), ("EA1", "EC"), ("EA2", "EC")}
    west = lead.get("/api/v1/candidates?area=Westby").get_json()
    assert pairs(west["items"]) == {("WA1", "WC"), ("WA2", "WC")} and west["total"] == 2
    assert west["totals"] == {"candidates": 2, "excluded": 1} and west["area"]["area_id"] == WEST
    # the same lines, scores and reasons as in the whole list
    assert all(line in whole["items"] for line in west["items"])
    excluded = lead.get(f"/api/v1/candidates?group=excluded&area={EAST}").get_json()
    assert pairs(excluded["items"]) == {("EX", "EY")} and excluded["total"] == 1
    assert excluded["reasons"]["child_not_eligible"] == 1
    entry = AuditLog.of(settings).newest(1, action="candidates.view")[0]
    assert entry.detail.endswith(f"area {EAST}") and set(entry.ids) == {"EX", "EY"}


def test_the_candidates_page_and_its_downloads_keep_the_area(loaded, clients):
    lead = clients["disruption_lead"]
    html = lead.get(f"/candidates?area={WEST}").get_data(as_text=True)
    assert "Wren Test" in html and "Esme Test" not in html and "Candidates (2)" in html
    assert f"/candidates.csv?area={WEST}" in html
    assert f'<option value="{WEST}" selected>' in html
    excluded = lead.get(f"/candidates?tab=excluded&area={WEST}").get_data(as_text=True)
    assert "Wynn Test" in excluded and "Elsa Test" not in excluded
    assert '<input type="hidden" name="tab" value="excluded">' in excluded  # the select keeps the tab
    rows = list(csv.DictReader(io.StringIO(lead.get(f"/candidates.csv?area={EAST}").get_data(as_text=True))))
    assert {(r["status"], r["adult_id"], r["child_id"]) for r in rows} == {
        ("candidate", "EA1", "EC"), ("candidate", "EA2", "EC"), ("excluded", "EX", "EY")}
    pack = lead.get(f"/candidates/pack.html?area={EAST}")
    assert "candidates_" in pack.headers["Content-Disposition"] and "eastby" in pack.headers["Content-Disposition"]
    text = pack.get_data(as_text=True)
    assert "evidence in <strong>Eastby</strong>" in text and "WA1" not in text and "EA1" in text


def test_a_decision_on_a_narrowed_page_goes_back_to_that_page(loaded, clients):
    lead = clients["disruption_lead"]
    page = lead.get(f"/candidates?area={EAST}").get_data(as_text=True)
    assert f'<input type="hidden" name="area" value="{EAST}">' in page
    answer = lead.post("/candidates/decision", data={
        "csrf_token": csrf_token(page), "adult_id": "EA2", "child_id": "EC", "decision": "rejected",
        "reason": "seen with the child's youth worker, checked", "area": EAST})
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"/candidates?page=1&area={EAST}#line-EA2-EC")


def test_candidates_command_narrows_the_list_and_its_exports(loaded, cli, tmp_path):
    listed = cli("candidates", "--area", "Eastby")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert pairs(data["candidates"]) == {("EA1", "EC"), ("EA2", "EC")} and pairs(data["excluded"]) == {("EX", "EY")}
    assert data["area"]["name"] == "Eastby"
    assert "area" not in json.loads(cli("candidates").stdout)  # the list's shape without --area, as before
    out = tmp_path / "west.csv"
    written = cli("candidates", "--area", WEST, "--format", "csv", "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert {r["child_id"] for r in csv.DictReader(io.StringIO(out.read_text()))} == {"WC", "WY"}
    unknown = cli("candidates", "--area", "Nowhere")
    assert unknown.returncode != 0 and "no loaded area has the ID or name 'Nowhere'" in unknown.stderr
    both = cli("candidates", "--area", "Westby", "--explain", "WC")
    assert both.returncode != 0 and "--area narrows the list" in both.stderr


# -- in a browser ----------------------------------------------------------------------------------

@pytest.mark.browser
def test_choosing_an_area_on_the_networks_page_narrows_the_list(loaded, app, web_users, browser):  # noqa: F811
    west, east = network_of(loaded, "WA1"), network_of(loaded, "EA1")
    with serving(app) as base:
        page = browser.new_page()
        try:
            log_in(page, base, "analyst")
            page.goto(base + "/networks")
            rows = page.locator("table.ranked tbody tr")
            assert rows.count() == 2
            page.get_by_label("Area", exact=True).select_option(label="Eastby (local authority)")
            page.get_by_role("button", name="Show").click()
            page.wait_for_load_state()
            assert rows.count() == 1 and f"Network {east}" in rows.first.inner_text()
            assert f"Network {west}" not in page.locator("table.ranked").inner_text()
            assert page.get_by_label("Area", exact=True).input_value() == EAST
            page.get_by_role("link", name="all areas", exact=True).click()
            page.wait_for_load_state()
            assert rows.count() == 2
        finally:
            page.close()
