"""Phones and online accounts on the dashboard, over Bolt: a person's page names the phone
they use and links it to its link chart (a phone has no page of its own), the chart of a phone
draws the account it messaged, and both stay behind login and roles (docs/workspace.md)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from test_communications_analysis import RECORDS
from test_web_fixtures import app, clients, web_users, write_world  # noqa: F401

from graph_service.db import connect
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j
PHONE = quote("phone:+447700900111", safe="")


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("world"), RECORDS)])
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
