"""The cross-border view on a small hand-made world over Bolt: three councils side by side, a
network whose members' evidence lies in all three, children whose evidence spans two or three,
a child whose second area rests on intelligence graded E only (never counted), a network whose
other areas hold only adults seen together (not cross-border), in order of concern with the
areas named; the page, the API and the command, audited; partners refused."""

from __future__ import annotations

import json
from datetime import date, timedelta

import geopandas as gpd
import pytest
from shapely.geometry import box
from test_web_fixtures import app, clients, web_users, write_world  # noqa: F401

from graph_service.analysis.networks import run_networks
from graph_service.db import connect
from graph_service.security.audit import AuditLog
from ingest import ingest_paths
from ingest.areas import read_boundaries, store_areas

pytestmark = pytest.mark.neo4j
TODAY = date.today()
#: Three councils side by side (0.01 degrees is about 700 m here), a place in each.
COUNCILS = {"Westby": box(-1.80, 51.50, -1.79, 51.51), "Eastby": box(-1.79, 51.50, -1.78, 51.51),
            "Northby": box(-1.80, 51.51, -1.78, 51.52)}
PLACES = {"W1": (51.505, -1.795), "E1": (51.505, -1.785), "N1": (51.515, -1.79)}


def at(n: int) -> str:
    return f"{(TODAY - timedelta(days=n)).isoformat()}T20:00:00Z"


def world() -> list[dict]:
    child = (TODAY - timedelta(days=14 * 365)).isoformat()
    people = [{"type": "person", "person_id": pid, "forename": name, "surname": "Test", "dob": dob}
              for pid, name, dob in [("C1", "Ann", child), ("C2", "Bea", child), ("C3", "Cal", child),
                                     ("C4", "Dee", child), ("A1", "Ed", "1980-01-01"), ("A2", "Fay", "1979-01-01"),
                                     ("A4", "Gus", "1975-01-01")]]
    places = [{"type": "location", "location_id": lid, "name": f"Place {lid}", "category": "park", "lat": lat,
               "lon": lon} for lid, (lat, lon) in PLACES.items()]
    intel = [{"type": "intel", "intel_id": iid, "reported_on": at(30)[:10], "source_evaluation": s,
              "intelligence_assessment": a, "handling_code": "P", "summary": f"report {iid}"}
             for iid, s, a in [("I1", "1", "A"), ("I2", "1", "A"), ("I3", "3", "E")]]
    links = [
        {"type": "link", "link_id": "K1", "intel_id": "I1", "subject_type": "person", "subject_id": "A1",
         "relation": "associates_with", "object_type": "person", "object_id": "C1", "observed_at": at(20)},
        {"type": "link", "link_id": "K2", "intel_id": "I1", "subject_type": "person", "subject_id": "A1",
         "relation": "associates_with", "object_type": "person", "object_id": "C2", "observed_at": at(20)},
        {"type": "link", "link_id": "K3", "intel_id": "I2", "subject_type": "person", "subject_id": "A2",
         "relation": "associates_with", "object_type": "person", "object_id": "C3", "observed_at": at(20)},
        # suspected false: C3 is not counted in Northby
        {"type": "link", "link_id": "K4", "intel_id": "I3", "subject_type": "person", "subject_id": "C3",
         "relation": "frequents", "object_type": "location", "object_id": "N1", "observed_at": at(19)},
    ]
    episodes = [
        {"type": "missing_episode", "episode_id": "M1", "person_id": "C1", "reported_at": at(12), "found_at": at(11),
         "found_location_id": "W1", "found_with": ["A1"]},
        {"type": "missing_episode", "episode_id": "M2", "person_id": "C2", "reported_at": at(10), "found_at": at(9),
         "found_location_id": "N1", "found_with": ["A1"]},
        {"type": "missing_episode", "episode_id": "M3", "person_id": "C2", "reported_at": at(8), "found_at": at(7),
         "found_location_id": "E1"},
        {"type": "missing_episode", "episode_id": "M4", "person_id": "C3", "reported_at": at(8), "found_at": at(7),
         "found_location_id": "W1", "found_with": ["A2"]},
    ]
    sightings = [
        {"type": "sighting", "sighting_id": "S1", "observed_at": at(5), "location_id": "E1", "source": "officer",
         "person_ids": ["C1", "A1"]},
        {"type": "sighting", "sighting_id": "S2", "observed_at": at(4), "location_id": "W1", "source": "officer",
         "person_ids": ["C4"]},
        {"type": "sighting", "sighting_id": "S3", "observed_at": at(3), "location_id": "E1", "source": "officer",
         "person_ids": ["C4"]},
        {"type": "sighting", "sighting_id": "S4", "observed_at": at(2), "location_id": "N1", "source": "officer",
         "person_ids": ["C4"]},
        # A2 out with a brother in two other councils: no child with an adult, nothing of exploitation,
        # so A2's network (found in Westby with C3) is not cross-border for it
        {"type": "sighting", "sighting_id": "S5", "observed_at": at(2), "location_id": "E1", "source": "officer",
         "person_ids": ["A2", "A4"]},
        {"type": "sighting", "sighting_id": "S6", "observed_at": at(1), "location_id": "N1", "source": "officer",
         "person_ids": ["A2", "A4"]},
    ]
    return people + places + intel + links + episodes + sightings


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cross_border")
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(folder / "world", world())])
        councils = folder / "councils.geojson"
        gpd.GeoDataFrame({"name": list(COUNCILS)}, geometry=list(COUNCILS.values()), crs="EPSG:4326").to_file(councils)
        store_areas(db, read_boundaries(councils, "local_authority", "name"), source="councils.geojson")
        run_networks(db, as_of=TODAY)
        yield db


def network_of(db, person_id: str) -> int:
    (row,) = db.read_text("MATCH (:Person {person_id: $p})-[:MEMBER_OF]->(n:Network) RETURN n.network_id AS n",
                          {"p": person_id})
    return row["n"]


def test_the_api_lists_the_network_and_the_children_across_councils_in_order_of_concern(loaded, clients, settings):
    found = clients["analyst"].get("/api/v1/cross-border").get_json()
    assert found["level"] == "local_authority"
    # A2's network has evidence in three councils too, but of exploitation only in Westby
    assert network_of(loaded, "A2") != network_of(loaded, "A1")
    (network,) = found["networks"]["items"]
    assert network["network_id"] == network_of(loaded, "A1") and found["networks"]["total"] == 1
    assert {a["name"] for a in network["areas"]} == {"Westby", "Eastby", "Northby"}
    assert network["reasons"][0].startswith("evidence in 3 local authorities: ")
    children = found["children"]
    # C4: three councils; C2: two, found after going missing in both; C1: two, found in one; not C3
    assert [c["person_id"] for c in children["items"]] == ["C4", "C2", "C1"] and children["total"] == 3
    c2 = children["items"][1]
    assert [(a["name"], a["found"]) for a in c2["areas"]] == [("Eastby", 1), ("Northby", 1)]
    assert "found after going missing in 2 local authorities" in c2["reasons"]
    assert AuditLog.of(settings).newest(1, action="cross_border.view")[0].ids == [
        "C4", "C2", "C1", f"network:{network['network_id']}"]


def test_the_lists_page_on_and_other_levels_and_bad_levels(loaded, clients):
    paged = clients["analyst"].get("/api/v1/cross-border?children_per_page=2&children_page=2").get_json()
    assert [c["person_id"] for c in paged["children"]["items"]] == ["C1"] and paged["children"]["next"] is None
    wards = clients["analyst"].get("/api/v1/cross-border?level=ward").get_json()
    assert wards["networks"]["total"] == 0 and wards["children"]["total"] == 0  # no wards loaded
    refused = clients["analyst"].get("/api/v1/cross-border?level=street")
    assert refused.status_code == 400 and "level" in refused.get_json()["message"]


def test_the_page_names_the_areas_with_reasons_and_partners_are_refused(loaded, clients):
    page = clients["analyst"].get("/cross-border?children_per_page=1")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Dee Test" in html and "Westby" in html and "1–1 of 3 children" in html
    assert "evidence in 3 local authorities" in html
    assert clients["partner"].get("/cross-border").status_code == 403
    assert clients["partner"].get("/api/v1/cross-border").status_code == 403


def test_the_command_lists_both_and_is_audited(loaded, cli, settings):
    done = cli("cross-border", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert [c["person_id"] for c in answer["children"]["items"]] == ["C4", "C2", "C1"]
    assert AuditLog.of(settings).newest(1, action="cross_border.list")[0].ids[:3] == ["C4", "C2", "C1"]
    table = cli("cross-border")
    assert table.returncode == 0 and "Northby" in table.stdout
    assert cli("cross-border", "--level", "street").returncode != 0
