"""Phones and online accounts on the dashboard, over Bolt: a person's page names the phone
they use and links it to its link chart (a phone has no page of its own), the chart of a phone
draws the account it messaged, search finds a phone by its number written any way and an
account by its handle, with the people who use them, and all stay behind login and roles
(docs/workspace.md)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from test_communications_analysis import ADULT_PHONE, RECORDS, uses
from test_web_fixtures import app, clients, web_users, write_world  # noqa: F401

from graph_service.db import connect
from graph_service.security.audit import AuditLog
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j
PHONE = quote("phone:+447700900111", safe="")


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        # F1 said to use the adult's phone by a report assessed E (suspected false): never counts
        world = [*RECORDS, uses("K-F1-FALSE", "F1", *ADULT_PHONE, "I-FALSE")]
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("world"), world)])
        yield db


def test_a_persons_page_names_their_phone_and_links_it_to_its_chart(loaded, clients):
    html = clients["analyst"].get("/people/A1").get_data(as_text=True)
    assert "uses phone" in html
    assert f'href="/chart?start={PHONE}&amp;expand={PHONE}">phone +447700900111</a>' in html


def test_a_phones_chart_draws_its_user_and_the_account_it_messaged_for_analysts_only(loaded, clients):
    chart = clients["analyst"].get(f"/api/v1/chart?start={PHONE}&expand={PHONE}").get_json()
    keys = {n["key"] for n in chart["nodes"]}
    assert {"phone:+447700900111", "person:A1", "online_account:snapchat:kiki_09"} <= keys
    assert clients[None].get(f"/api/v1/chart?start={PHONE}").status_code in (302, 401)
    assert clients["partner"].get(f"/api/v1/chart?start={PHONE}").status_code == 403


def test_search_finds_a_phone_by_its_number_written_any_way_with_the_people_who_use_it(loaded, clients, settings):
    found = clients["analyst"].get("/api/v1/search?q=%2B44%20114%20496%200555").get_json()["communications"]
    assert found["total"] == 1
    (phone,) = found["items"]
    assert (phone["kind"], phone["id"]) == ("phone", "+441144960555")
    assert [u["person_id"] for u in phone["users"]] == ["C1", "M1"]
    # the adult's phone: F1's link to it is assessed E, so F1 is not among its users
    (adult,) = clients["analyst"].get("/api/v1/search?q=07700900111").get_json()["communications"]["items"]
    assert [u["person_id"] for u in adult["users"]] == ["A1"]
    latest = [e for e in AuditLog.of(settings).entries() if e.action == "search"][-1]
    assert {"+447700900111", "A1"} <= set(latest.ids)


def test_search_finds_an_account_by_its_handle_and_the_page_links_it_to_its_chart(loaded, clients):
    found = clients["analyst"].get("/api/v1/search?q=kiki").get_json()["communications"]
    assert [(c["id"], [u["person_id"] for u in c["users"]]) for c in found["items"]] == [
        ("snapchat:kiki_09", ["C1"])]
    html = clients["analyst"].get("/search?q=kiki").get_data(as_text=True)
    key = quote("online_account:snapchat:kiki_09", safe="")
    assert f'href="/chart?start={key}&amp;expand={key}">snapchat @kiki_09</a>' in html
    assert "Invented Child" in html
    # what was found is first; the kinds with nothing are one line after it
    assert "People (" not in html and html.index("Phones and online accounts (1)") < html.index(
        "No people, vehicles or places match.")
    assert clients["analyst"].get("/api/v1/search?q=invented").get_json()["communications"]["total"] == 0
    assert clients["partner"].get("/api/v1/search?q=kiki").status_code == 403
