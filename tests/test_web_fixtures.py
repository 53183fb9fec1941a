"""Fixtures for the dashboard tests (imported by tests/test_web_*.py; holds no tests itself).

A small invented world, written as intake files and loaded with the real ingest into the
real Neo4j, and one user per role in the test session's state folder.
"""

from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import waitress

from graph_service.db import connect
from graph_service.security.audit import AuditLog
from graph_service.security.roles import ROLES
from graph_service.security.users import UserStore
from graph_service.web import create_app
from ingest import ingest_paths

PASSWORD = "correct horse battery staple"
#: One user per role: name -> role.
USERS = {f"web-{role.replace('_', '-')}": role for role in ROLES}
BY_ROLE = {role: name for name, role in USERS.items()}
C_CONDITIONS = "Police only: not to be shared with partner agencies"
#: Names and IDs of people in the world: none may reach a partner.
PEOPLE = {"P1": "Amy Hart", "P2": "Dan Coe", "P3": "Lee Fry", "P4": "Kim Roe"}


def world(today: date | None = None) -> list[dict]:
    """Two children at risk (P1, P4), two adults (P2, P3); intelligence of both handling
    codes; a missing episode, a child still missing, a sighting, a vehicle and places.
    Dates are recent, so the hotspot page's default window holds them."""
    today = today or date.today()

    def day(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    def at(n: int, hour: int = 21) -> str:
        return f"{day(n)}T{hour:02d}:00:00Z"

    return [
        {"type": "person", "person_id": "P1", "forename": "Amy", "surname": "Hart",
         "dob": (today - timedelta(days=15 * 365)).isoformat(), "gender": "female", "aliases": ["Ames"]},
        {"type": "person", "person_id": "P2", "forename": "Dan", "surname": "Coe", "dob": "1990-02-03",
         "aliases": ["Danny C"]},
        {"type": "person", "person_id": "P3", "forename": "Lee", "surname": "Fry", "dob": "1985-07-09"},
        {"type": "person", "person_id": "P4", "forename": "Kim", "surname": "Roe",
         "dob": (today - timedelta(days=14 * 365)).isoformat()},
        {"type": "vehicle", "vrm": "AB12 CDE", "make": "Ford", "model": "Focus", "colour": "silver"},
        {"type": "location", "location_id": "L1", "name": "Kebab Hut", "category": "takeaway",
         "lat": 53.3811, "lon": -1.4701, "postcode": "S1 2AB"},
        {"type": "location", "location_id": "L2", "name": "Park View Hotel", "category": "hotel",
         "lat": 53.3860, "lon": -1.4650},
        {"type": "location", "location_id": "L3", "name": "12 Acre Lane", "category": "home_address",
         "lat": 53.3700, "lon": -1.4800},
        {"type": "intel", "intel_id": "I1", "reported_on": day(20), "source_evaluation": "2",
         "intelligence_assessment": "B", "handling_code": "P", "summary": "Dan Coe seen with Amy Hart in a car",
         "review_on": day(1)},
        {"type": "intel", "intel_id": "I2", "reported_on": day(15), "source_evaluation": "1",
         "intelligence_assessment": "A", "handling_code": "C", "handling_conditions": C_CONDITIONS,
         "summary": "Dan Coe gives Kim Roe gifts"},
        {"type": "intel", "intel_id": "I3", "reported_on": day(12), "source_evaluation": "1",
         "intelligence_assessment": "B", "handling_code": "P", "summary": "Lee Fry meets Dan Coe at the hotel"},
        {"type": "link", "link_id": "K1", "intel_id": "I1", "subject_type": "person", "subject_id": "P2",
         "relation": "associates_with", "object_type": "person", "object_id": "P1", "observed_at": at(21)},
        {"type": "link", "link_id": "K2", "intel_id": "I2", "subject_type": "person", "subject_id": "P2",
         "relation": "associates_with", "object_type": "person", "object_id": "P4"},
        {"type": "link", "link_id": "K3", "intel_id": "I3", "subject_type": "person", "subject_id": "P3",
         "relation": "associates_with", "object_type": "person", "object_id": "P2"},
        {"type": "link", "link_id": "K4", "intel_id": "I3", "subject_type": "person", "subject_id": "P3",
         "relation": "frequents", "object_type": "location", "object_id": "L2"},
        {"type": "link", "link_id": "K5", "subject_type": "person", "subject_id": "P2", "relation": "uses_vehicle",
         "object_type": "vehicle", "object_id": "AB12CDE"},
        {"type": "link", "link_id": "K6", "intel_id": "I2", "subject_type": "person", "subject_id": "P2",
         "relation": "lives_at", "object_type": "location", "object_id": "L3"},
        {"type": "missing_episode", "episode_id": "E1", "person_id": "P1", "reported_at": at(10, 18),
         "found_at": at(9, 2), "found_location_id": "L1", "found_with": ["P2"]},
        {"type": "missing_episode", "episode_id": "E2", "person_id": "P4", "reported_at": at(2, 19)},
        {"type": "sighting", "sighting_id": "S1", "observed_at": at(8, 22), "location_id": "L2", "source": "anpr",
         "vrm": "AB12CDE", "person_ids": ["P2", "P1"]},
        {"type": "care_status", "person_id": "P1", "status": "care_order", "start_on": day(400)},
    ]


def write_world(folder, records: list[dict]):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "world.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    """The world in an emptied graph, for every test of a module (they only read)."""
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("world"), world())])
        yield db


@pytest.fixture(scope="session")
def web_users(settings):
    store = UserStore.of(settings)
    for name, role in USERS.items():
        if store.get(name) is None:
            store.add(name, role, PASSWORD)
    return USERS


@pytest.fixture(scope="module")
def app(settings):
    return create_app(settings)


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token in the form"
    return found.group(1)


def shown(html: str) -> str:
    """``html`` without its random parts (CSRF tokens, script nonces, inline images): any of them
    may hold a short ID such as "P2" by chance, so a test that something is not shown reads this."""
    html = re.sub(r'src="data:[^"]+"', "", html)
    return re.sub(r'(value|content|nonce)="[A-Za-z0-9+/=._-]{20,}"', "", html)


def login(client, name: str, password: str = PASSWORD, purpose: str = "test case 1", **request):
    """Log ``client`` in through the form, as a person would; the POST's response."""
    token = csrf_token(client.get("/login", **request).get_data(as_text=True))
    return client.post("/login", data={"csrf_token": token, "username": name, "password": password,
                                       "purpose": purpose}, **request)


@pytest.fixture(scope="module")
def clients(app, web_users):
    """A logged-in test client per role, plus ``None`` for nobody."""
    made = {None: app.test_client()}
    for name, role in web_users.items():
        client = app.test_client()
        response = login(client, name, purpose=f"tests as {role}")
        assert response.status_code == 303, response.get_data(as_text=True)
        made[role] = client
    return made


@contextmanager
def serving(app):
    """``app`` under waitress on a free port of this machine, in this process, for as long as the
    block lasts: the address a browser test opens."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()


def log_in(page, base: str, role: str, password: str = PASSWORD) -> None:
    """Log the browser ``page`` in at ``base`` as the test user of ``role``, through the form."""
    page.goto(base + "/login")
    page.fill("input[name=username]", BY_ROLE[role])
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


@contextmanager
def broken(log: AuditLog):
    """The log fails its check inside the block (a line that is not an entry), and is put
    back as it was afterwards."""
    before = log.path.read_bytes()
    with log.path.open("a") as file:
        file.write("{not an entry\n")
    try:
        yield
    finally:
        log.path.write_bytes(before)
        assert log.verify().ok
