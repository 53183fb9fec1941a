"""A phone on the link chart in real headless Chromium: drawn as a phone (a hexagon) beside
the person who uses it and the account it messaged, and selecting the contact tie shows the
contact with its grade and report, not as a recorded fact (docs/workspace.md)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from test_communications_analysis import RECORDS
from test_web_fixtures import log_in, serving, web_users  # noqa: F401

from graph_service.db import connect
from graph_service.web import create_app
from ingest import ingest_paths

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]
PHONE = "phone:+447700900111"
ACCOUNT = "online_account:snapchat:kiki_09"


@pytest.fixture(scope="module")
def server(neo4j_server, settings, web_users, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("comms")
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [folder])
    with serving(create_app(settings)) as base:
        yield base


def test_a_phone_is_drawn_as_a_phone_and_its_contact_shows_its_grade_and_report(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, server, "analyst")
    key = quote(PHONE, safe="")
    page.goto(f"{server}/chart?start={key}&expand={key}")
    page.wait_for_selector("#chart[data-drawn]")
    shape = page.evaluate(f"() => window.linkChart.getElementById('{PHONE}').style('shape')")
    assert shape == "hexagon"
    assert page.evaluate(f"() => window.linkChart.getElementById('{ACCOUNT}').style('shape')") == "octagon"
    assert "in contact (call or message)" in page.inner_text("#chart-ties")
    edge = page.evaluate(f"() => window.linkChart.edges().filter(e => "
                         f"[e.data('source'), e.data('target')].includes('{ACCOUNT}')).map(e => e.id())")
    page.evaluate("key => { window.linkChart.getElementById(key).emit('tap'); }", edge[0])
    selection = page.inner_text("#chart-selection")
    assert "contact CT1" in selection and "2B" in selection and "report I-CONTACT" in selection
    assert "(recorded)" not in selection
    context.close()
