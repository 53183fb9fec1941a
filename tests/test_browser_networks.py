"""The networks page in real headless Chromium on a generated scenario: the network of most
concern is on the first screen with its reasons, the page stays a few screens tall, and the
next page follows it in rank order."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_web_fixtures import BY_ROLE, PASSWORD, serving, web_users  # noqa: F401

from graph_service.analysis.networks import run_networks
from graph_service.db import connect
from graph_service.web import create_app
from ingest import ingest_paths
from ingest.scenario import generate

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def ranked(neo4j_server, settings, tmp_path_factory):
    out = generate(seed=7, size="small", out=tmp_path_factory.mktemp("scenario") / "small")
    truth = json.loads((out / "ground_truth.json").read_text())
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [out])
        run = run_networks(db, as_of=date.fromisoformat(truth["as_of"]))
    return run.result


@pytest.fixture(scope="module")
def server(settings, ranked, web_users):  # noqa: F811
    app = create_app(settings)
    with serving(app) as base:
        yield base


def test_the_network_of_most_concern_is_on_the_first_screen(browser, server, ranked):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(server + "/login")
    page.get_by_label("User name").fill(BY_ROLE["analyst"])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    page.goto(server + "/networks?per_page=2")
    order = ranked.by_concern()
    first = page.locator("table.ranked tbody tr").first
    assert first.locator("td").first.inner_text().strip() == "1"
    assert f"Network {order[0]}" in first.inner_text()
    assert "missing episode" in first.inner_text()  # its reasons, in words
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"], box
    assert page.evaluate("document.documentElement.scrollHeight") <= 4 * VIEWPORT["height"]
    # The other groups are there, collapsed.
    assert not page.locator("details.other-groups").evaluate("d => d.open")

    page.get_by_role("link", name="Next 2").click()
    page.wait_for_load_state()
    ranks = [cell.inner_text().strip() for cell in page.locator("table.ranked tbody tr td:first-child").all()]
    assert ranks == ["3", "4"]
    assert f"Network {order[2]}" in page.locator("table.ranked tbody tr").first.inner_text()
    context.close()
