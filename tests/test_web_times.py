"""Pages show a moment as UK time to the minute, whatever offset the intake file wrote it with;
the API keeps the stored ISO 8601 value for the systems that read it."""

from __future__ import annotations

import re

import pytest
from test_web_fixtures import app, clients, shown, web_users, write_world  # noqa: F401

from graph_service.db import connect
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j

WORLD = [
    {"type": "person", "person_id": "C1", "forename": "Ava", "surname": "Moss", "dob": "2012-03-04"},
    {"type": "location", "location_id": "H1", "name": "Canal Hotel", "category": "hotel", "lat": 53.38, "lon": -1.47},
    # British Summer Time: half past eleven at night UTC is half past midnight the next day.
    {"type": "sighting", "sighting_id": "S1", "observed_at": "2026-07-01T23:30:00Z", "location_id": "H1",
     "source": "officer", "person_ids": ["C1"]},
    # Winter, written with a summer offset by the sending system: 07:45+01:00 is 06:45 GMT.
    {"type": "missing_episode", "episode_id": "E1", "person_id": "C1", "reported_at": "2026-01-10T18:05:00Z",
     "found_at": "2026-01-11T07:45:00+01:00", "found_location_id": "H1"},
]
RAW_DATE_TIME = re.compile(r".{0,80}\d{4}-\d\d-\d\dT\d\d:\d\d")


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("records"), WORLD)])
        yield db


def visible(html: str) -> str:
    """The page as read: its text and the hover titles, without the attributes machines read."""
    return re.sub(r'(href|data-[a-z-]+|datetime)="[^"]*"', "", shown(html))


@pytest.mark.parametrize("path", ["/locations/H1", "/people/C1", "/timeline?person=C1"])
def test_pages_show_times_as_uk_time_to_the_minute(loaded, clients, path):
    page = visible(clients["analyst"].get(path).get_data(as_text=True))
    assert "2026-07-02 00:30" in page  # the sighting, in its table or the timeline's hover text
    assert "2026-01-11 06:45" in page  # found
    assert not RAW_DATE_TIME.findall(page)


def test_the_location_page_lists_the_episode_reported_and_found_in_uk_time(loaded, clients):
    page = visible(clients["analyst"].get("/locations/H1").get_data(as_text=True))
    assert re.search(r"<td>2026-01-10 18:05</td><td>2026-01-11 06:45</td>", page)


def test_the_api_keeps_the_stored_iso_value(loaded, clients):
    place = clients["analyst"].get("/api/v1/locations/H1").get_json()
    assert place["sightings"]["items"][0]["observed_at"].startswith("2026-07-01T23:30:00")
