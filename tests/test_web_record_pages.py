"""A person's, a vehicle's and a place's lists, paged on the server in order of concern, on a
small hand-made world over Bolt: a child seen with an adult before a child seen alone before
adults only, newest first within; links naming a child first; a child found with someone first;
pages that go on where the last stopped, and only what is shown is audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_web_fixtures import app, clients, web_users, write_world  # noqa: F401

from graph_service.db import connect
from graph_service.security.audit import AuditLog
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j
TODAY = date.today()


def day(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


def at(n: int) -> str:
    return f"{day(n)}T21:00:00Z"


def world() -> list[dict]:
    child_born = (TODAY - timedelta(days=14 * 365)).isoformat()
    return [
        {"type": "person", "person_id": "C1", "forename": "Ava", "surname": "Moss", "dob": child_born},
        {"type": "person", "person_id": "C2", "forename": "Ben", "surname": "Lowe", "dob": child_born},
        {"type": "person", "person_id": "A1", "forename": "Ray", "surname": "Holt", "dob": "1980-01-01"},
        {"type": "person", "person_id": "A2", "forename": "Sam", "surname": "Vine", "dob": "1975-05-05"},
        {"type": "person", "person_id": "X1", "forename": "Tom", "surname": "Mossley"},
        {"type": "person", "person_id": "X2", "forename": "Kay", "surname": "Lamoss"},
        {"type": "vehicle", "vrm": "CD34 EFG"},
        {"type": "location", "location_id": "H1", "name": "Canal Hotel", "category": "hotel", "lat": 53.38, "lon": -1.47},
        {"type": "location", "location_id": "H2", "name": "Bus Station", "category": "other", "lat": 53.39, "lon": -1.46},
        # at H1, newest first: adults only; no one; a child alone; a child with an adult
        {"type": "sighting", "sighting_id": "S1", "observed_at": at(1), "location_id": "H1", "source": "officer",
         "vrm": "CD34EFG", "person_ids": ["A1", "A2"]},
        {"type": "sighting", "sighting_id": "S2", "observed_at": at(2), "location_id": "H1", "source": "anpr",
         "vrm": "CD34EFG"},
        {"type": "sighting", "sighting_id": "S3", "observed_at": at(3), "location_id": "H1", "source": "officer",
         "vrm": "CD34EFG", "person_ids": ["C2"]},
        {"type": "sighting", "sighting_id": "S4", "observed_at": at(4), "location_id": "H1", "source": "officer",
         "vrm": "CD34EFG", "person_ids": ["C1", "A1"]},
        {"type": "sighting", "sighting_id": "S5", "observed_at": at(5), "location_id": "H1", "source": "cctv",
         "person_ids": ["C2", "A2"]},
        # found at H1: the newer episode without anyone, the older one with A1
        {"type": "missing_episode", "episode_id": "E1", "person_id": "C1", "reported_at": at(9),
         "found_at": at(8), "found_location_id": "H1"},
        {"type": "missing_episode", "episode_id": "E2", "person_id": "C2", "reported_at": at(20),
         "found_at": at(19), "found_location_id": "H1", "found_with": ["A1"]},
        # A1's links: the newest names an adult, the older a child
        {"type": "link", "link_id": "K1", "subject_type": "person", "subject_id": "A1", "relation": "associates_with",
         "object_type": "person", "object_id": "A2", "observed_at": at(1)},
        {"type": "link", "link_id": "K2", "subject_type": "person", "subject_id": "A1", "relation": "associates_with",
         "object_type": "person", "object_id": "C1", "observed_at": at(6)},
        {"type": "link", "link_id": "K3", "subject_type": "person", "subject_id": "A1", "relation": "frequents",
         "object_type": "location", "object_id": "H2", "observed_at": at(0)},
        {"type": "link", "link_id": "K4", "subject_type": "person", "subject_id": "A2", "relation": "frequents",
         "object_type": "location", "object_id": "H1", "observed_at": at(0)},
        {"type": "link", "link_id": "K5", "subject_type": "person", "subject_id": "C2", "relation": "frequents",
         "object_type": "location", "object_id": "H1", "observed_at": at(7)},
    ]


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("records"), world())])
        yield db


def ids(page: dict, key: str) -> list[str]:
    return [row[key] for row in page["items"]]


def test_a_places_sightings_come_in_order_of_concern_with_reasons_and_page_on(loaded, clients):
    place = clients["analyst"].get("/api/v1/locations/H1").get_json()
    sightings = place["sightings"]
    assert sightings["total"] == 5 and ids(sightings, "sighting_id") == ["S4", "S5", "S3", "S1", "S2"]
    assert [s["reason"] for s in sightings["items"]][:3] == [
        "a child seen with an adult or a person of unknown age"] * 2 + ["a child seen"]
    assert sightings["items"][3]["reason"] is None
    second = clients["analyst"].get("/api/v1/locations/H1?sightings_page=2&sightings_per_page=2").get_json()
    assert ids(second["sightings"], "sighting_id") == ["S3", "S1"] and second["sightings"]["pages"] == 3
    assert "sightings_page=3" in second["sightings"]["next"]
    assert ids(place["links"], "link_id") == ["K5", "K4"]  # the child's link first, though older
    assert place["links"]["items"][0]["reason"] == "names a child"
    found = place["missing_episodes_found_here"]
    assert ids(found, "episode_id") == ["E2", "E1"] and found["items"][0]["reason"] == "the child was found with someone"


def test_a_vehicles_sightings_come_in_order_of_concern(loaded, clients):
    vehicle = clients["analyst"].get("/api/v1/vehicles/cd34 efg").get_json()
    assert ids(vehicle["sightings"], "sighting_id") == ["S4", "S3", "S1", "S2"]


def test_a_persons_links_name_children_first_and_every_list_pages(loaded, clients):
    person = clients["analyst"].get("/api/v1/people/A1").get_json()
    assert ids(person["links"], "link_id") == ["K2", "K3", "K1"]
    assert person["links"]["items"][0]["reason"] == "names a child"
    timeline = person["timeline"]
    assert timeline["total"] == 6 and [item["date"][:10] for item in timeline["items"]] == sorted(
        (item["date"][:10] for item in timeline["items"]), reverse=True)
    assert ids(person["locations"], "location_id")[0] == "H1"  # a hotel: a place of concern
    assert person["locations"]["items"][0]["reason"] == "a place of concern"
    paged = clients["analyst"].get("/api/v1/people/A1?timeline_per_page=4&timeline_page=2").get_json()["timeline"]
    assert [item["id"] for item in paged["items"]] == [item["id"] for item in timeline["items"][4:]]
    assert paged["next"] is None
    assert clients["analyst"].get("/api/v1/people/A1?links_page=0").status_code == 400


def test_the_pages_show_a_page_of_each_list_with_links_on_and_audit_only_what_they_show(loaded, clients, settings):
    page = clients["analyst"].get("/locations/H1?sightings_per_page=2").get_data(as_text=True)
    assert "1–2 of 5 sightings" in page and "sightings_page=2" in page
    assert 'class="reason">a child seen with an adult' in page
    one_each = "sightings_per_page=1&links_per_page=1&missing_episodes_found_here_per_page=1"
    assert clients["analyst"].get(f"/locations/H1?{one_each}").status_code == 200
    log = AuditLog.of(settings)
    # The lists' first pages: S4 (C1 with A1), K5 (C2), E2 (C2 found with A1); and the timeline
    # drawn at the top, whose hover text names everyone in every entry: A2 too (S1, S5, K4).
    assert set(log.newest(1, action="location.view")[0].ids) == {"H1", "C1", "A1", "C2", "A2"}
    person = clients["analyst"].get("/people/A1?links_per_page=1").get_data(as_text=True)
    assert "1–1 of 3 links" in person and "Ava Moss" in person
    vehicle = clients["analyst"].get("/vehicles/CD34EFG?sightings_per_page=1&sightings_page=2").get_data(as_text=True)
    assert "2–2 of 4 sightings" in vehicle and "Ben Lowe" in vehicle
    # C2 on the list's page; A1, A2 and C1 in the timeline's hover text (S1, S4)
    ids = log.newest(1, action="vehicle.view")[0].ids
    assert ids[:2] == ["CD34EFG", "C2"] and set(ids) == {"CD34EFG", "C2", "A1", "A2", "C1"}


def test_search_ranks_whole_words_before_starts_of_words_before_parts_of_words(loaded, clients):
    found = clients["analyst"].get("/api/v1/people?q=MOSS").get_json()
    assert [row["person_id"] for row in found["items"]] == ["C1", "X1", "X2"]  # Moss, Mossley, Lamoss
    assert clients["analyst"].get("/api/v1/search?q=cd34efg").get_json()["vehicles"]["items"][0]["vrm"] == "CD34EFG"
    assert clients["analyst"].get("/api/v1/search?q=efg").get_json()["vehicles"]["total"] == 1
