"""The hot spot page while the server's warm-up is still working the layers out: it answers at
once, saying so and when the work began, and refreshes itself until the layer is ready; in
real headless Chromium against the real server and Neo4j, and the layers' store on its own."""

from __future__ import annotations

import re
import threading
import time
from datetime import date, datetime

import pytest
import waitress
from playwright.sync_api import expect
from test_browser_dashboard import Page
from test_web_fixtures import BY_ROLE, PASSWORD, loaded, web_users  # noqa: F401

from graph_service.web import create_app, hotspots, hotspots_layers, warm_up


def choice(partner: bool = False) -> hotspots.Choice:
    return hotspots.Choice(date(2026, 8, 3), date(2026, 10, 31), ("missing",), 250, partner)


def test_a_queued_or_computing_layer_is_in_progress_not_waited_for():
    cache = hotspots.LayerCache()
    since = datetime(2026, 10, 31, 7, 5)
    cache.queue([choice()], since)
    with pytest.raises(hotspots.InProgress) as queued:
        cache.get(choice(), ("v",), lambda c: pytest.fail("a queued layer is the warm-up's to compute"), wait=1.0)
    assert queued.value.since == since and "07:05" in str(queued.value)

    gate, began = threading.Event(), threading.Event()

    def slow(c):
        began.set()
        gate.wait(30)
        return hotspots.Layer(c, None, {})

    worker = threading.Thread(target=lambda: cache.get(choice(), ("v",), slow))
    worker.start()
    began.wait(10)
    cache.done(choice())
    started = time.monotonic()
    with pytest.raises(hotspots.InProgress):  # another thread is on it: at most `wait`, then say so
        cache.get(choice(), ("v",), slow, wait=0.2)
    assert time.monotonic() - started < 5
    gate.set()
    worker.join(10)
    layer = cache.get(choice(), ("v",), lambda c: pytest.fail("computed once"), wait=0.2)
    assert layer.choice == choice()
    # Not queued, nobody computing: the request computes it itself, as before.
    assert cache.get(choice(True), ("v",), lambda c: hotspots.Layer(c, None, {}), wait=0.2).choice == choice(True)


def test_a_layer_one_worker_worked_out_is_the_one_every_worker_shows(settings, loaded, tmp_path, monkeypatch):  # noqa: F811
    """Two apps sharing a folder, as the processes of ``serve --workers 2`` do: the second
    shows the first's layers (real data, pickled and signed) without working them out again,
    the partners' as the disclosure rules left it."""
    import pandas as pd

    from graph_service.web.shared_results import server_folder, share

    folder, secret = server_folder(tmp_path), b"k" * 32
    first, second = create_app(settings), create_app(settings)
    for app in (first, second):
        share(app, folder, secret)
    analysts, partners = warm_up.default_layers()
    with first.app_context():
        made = {c.partner: hotspots.compute(c) for c in (analysts, partners)}
    assert not made[False].empty and made[False].found is not None
    monkeypatch.setattr(hotspots_layers, "_compute", lambda c: pytest.fail("worked out again"))
    with second.app_context():
        shown = {c.partner: hotspots.compute(c) for c in (analysts, partners)}
    for partner in (False, True):
        pd.testing.assert_frame_equal(shown[partner].cells.drop(columns="geometry"),
                                      made[partner].cells.drop(columns="geometry"))
        assert list(shown[partner].cells.geometry) == list(made[partner].cells.geometry)
        assert shown[partner].summary() == made[partner].summary()
    assert shown[True].found is None  # no event of its own reaches a partner


@pytest.fixture
def slow_server(settings, loaded, web_users, monkeypatch):  # noqa: F811
    """The dashboard under waitress, its warm-up started and held before the hot spot layers
    until ``gate`` is set."""
    gate = threading.Event()
    compute = hotspots_layers._compute

    def held(choice):
        gate.wait(120)
        return compute(choice)

    monkeypatch.setattr(hotspots_layers, "_compute", held)
    app = create_app(settings)
    serving = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=serving.run, daemon=True)
    thread.start()
    began = datetime.now()
    warm_up.warm_up(app)
    yield f"http://127.0.0.1:{serving.effective_port}", gate, began
    gate.set()
    serving.close()


@pytest.mark.browser
def test_the_hot_spot_page_says_the_layers_are_being_worked_out_and_refreshes(browser, slow_server):
    base, gate, began = slow_server
    page = Page(browser, base)
    try:
        page.login(BY_ROLE["analyst"], PASSWORD)
        started = time.monotonic()
        response = page.goto("/hotspots")
        assert response.status == 200 and time.monotonic() - started < 10  # not held until the layer is ready
        notice = page.page.locator("#hotspots-progress")
        expect(notice).to_contain_text("The hot spot layers are being worked out")
        stamp = re.search(r"started at (\d\d:\d\d)", notice.inner_text()).group(1)
        assert stamp in {began.strftime("%H:%M"), datetime.now().strftime("%H:%M")}
        assert page.page.locator('meta[http-equiv="refresh"]').count() == 1
        expect(page.page.get_by_role("status")).to_be_visible()
        gate.set()  # the warm-up goes on; the page refreshes itself into the layer
        expect(page.page.locator("#cells-heading")).to_be_visible(timeout=90_000)
        expect(page.page.locator("#hotspots-progress")).to_have_count(0)
        assert page.problems == []
    finally:
        page.close()


def test_the_warm_up_runs_each_record_pages_statements_first_and_audits_nothing(settings, loaded, monkeypatch):  # noqa: F811
    """Planning the person, vehicle, place and network pages' statements is the warm-up's first
    part: on a fresh Neo4j it was most of those pages' first load. It reads, shows nobody
    anything, and so writes nothing to the audit log."""
    from graph_service.analysis.networks import run_networks
    from graph_service.db.access import Database
    from graph_service.security.audit import AuditLog

    run_networks(loaded)  # the last test of the module: the others read no networks
    assert warm_up.parts(create_app(settings))[0][1] is warm_up.plan_record_pages
    read, asked = Database.read, []
    monkeypatch.setattr(Database, "read", lambda self, name, **params: asked.append(name) or read(self, name, **params))
    before = len(list(AuditLog.of(settings).entries()))
    app = create_app(settings)
    with app.app_context():
        warm_up.plan_record_pages()
    assert {"web/home/counts", "web/home/recent_intel", "web/person/record", "web/person/associates", "web/vehicle/links", "web/vehicle/sightings",
            "web/location/links", "web/location/sightings", "web/location/missing_found",
            "workspace/timeline", "web/search/people", "web/search/vehicles", "web/search/locations"} <= set(asked)
    assert "networks/get" in asked
    assert len(list(AuditLog.of(settings).entries())) == before


def test_the_warm_up_logs_each_part_and_then_that_it_is_done(settings, monkeypatch, caplog):
    """Operators, and the web benchmark before it measures a running server, read the last
    line as "every page now answers at its usual speed": it comes after every part, also
    after one that failed (left to the first page that needs it)."""
    import logging

    from graph_service.web import candidate_lists

    def broken():
        raise RuntimeError("Neo4j not reachable yet")

    monkeypatch.setattr(candidate_lists, "warm_up", lambda app: None)
    monkeypatch.setattr(warm_up, "parts", lambda app: [("the first part", lambda: time.sleep(0.2)),
                                                       ("the broken part", broken),
                                                       ("the last part", lambda: None)])
    app = create_app(settings)
    monkeypatch.setattr(app.extensions["hotspot_layers"], "queue", lambda choices, since: None)
    with caplog.at_level(logging.INFO, logger=warm_up.log.name):
        warm_up.warm_up(app).join(30)
    lines = [record.getMessage() for record in caplog.records if record.name == warm_up.log.name]
    assert lines[0].startswith("warm-up: the first part worked out in ")
    assert lines[1] == "warm-up: could not work out the broken part: Neo4j not reachable yet"
    assert lines[2].startswith("warm-up: the last part worked out in ")
    assert re.fullmatch(r"warm-up: done in \d+\.\d s", lines[3]) and len(lines) == 4
