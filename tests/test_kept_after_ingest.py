"""What the dashboard works out once and keeps (network pages, hot spot layers, the review
queue: graph_service/web/kept_results.py and friends) is worked out again after any ingest, even
one that changes no count of records: a re-ingested record can move a date or take a report out
of what partners may see. The store names the last ingest it published
(cypher/ingest/end_staging.cypher) and every kept answer's version reads it."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from test_web_fixtures import C_CONDITIONS, app, clients, web_users, world, write_world  # noqa: F401  (fixtures)

from graph_service.analysis.networks import run_networks
from graph_service.web import create_app, hotspots_layers, networks, warm_up
from ingest import ingest_paths


@pytest.fixture
def stored_world(db, tmp_path):
    db.apply("db/wipe")
    ingest_paths(db, [write_world(tmp_path / "world", world())])
    return db


def re_ingest(db, folder, kind: str, record_id: str, **changes) -> None:
    [record] = [r for r in world() if r["type"] == kind and r[f"{kind}_id"] == record_id]
    ingest_paths(db, [write_world(folder, [{**record, **changes}])])


def test_a_report_no_longer_shareable_leaves_the_partners_network_summaries_at_once(stored_world, clients,
                                                                                   monkeypatch, tmp_path):
    # Before, what the network pages kept stood until the next detection run: partners went on
    # seeing a place named only by a report re-graded to code C.
    run_networks(stored_world)
    monkeypatch.setattr(networks, "RUN_CHECK_SECONDS", 0)

    def places() -> list[str]:
        summaries = clients["partner"].get("/api/v1/networks/summaries").get_json()["items"]
        return [place["name"] for summary in summaries for place in summary["places"]]

    assert "Park View Hotel" in places()  # I3, code P: P3 frequents the hotel
    re_ingest(stored_world, tmp_path / "regraded", "intel", "I3", handling_code="C", handling_conditions=C_CONDITIONS)
    assert "Park View Hotel" not in places()


def test_a_link_re_dated_out_of_the_window_leaves_the_hot_spot_layer_at_once(stored_world, clients, monkeypatch,
                                                                            tmp_path):
    monkeypatch.setattr(hotspots_layers, "VERSION_SECONDS", 0)  # the version is read every 5 s

    def intelligence_events() -> int:
        layer = clients["analyst"].get("/api/v1/hotspots?kinds=intel").get_json()
        return layer["properties"]["events"]

    assert intelligence_events() == 1  # K4: P3 frequents the hotel, in the default window
    re_ingest(stored_world, tmp_path / "re-dated", "link", "K4", observed_at=f"{date.today().year - 3}-01-10T20:00:00Z")
    assert intelligence_events() == 0


def test_each_process_works_its_slow_answers_out_again_after_an_ingest(stored_world, settings, monkeypatch,
                                                                        tmp_path):
    """So that the first analyst to open the hot spot page after the night's ingest does not
    wait for it: ``serve``'s processes each watch the store's last published ingest
    (graph_service/web/warm_up.py, watch)."""
    worked: list[str] = []
    monkeypatch.setattr(warm_up, "plan_record_pages", lambda: worked.append("planned"))
    monkeypatch.setattr(warm_up, "parts", lambda app: [("the planning", warm_up.plan_record_pages),
                                                       ("the hot spot layer", lambda: worked.append("layer"))])
    stop = threading.Event()
    warm_up.watch(create_app(settings), every=0.1, stop=stop)
    try:
        time.sleep(1)
        assert worked == []  # nothing published since it started
        re_ingest(stored_world, tmp_path / "again", "intel", "I1", summary="Dan Coe seen with Amy Hart again")
        deadline = time.monotonic() + 30
        while not worked and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        assert worked == ["layer"]  # once, and the record pages' statements are not planned again
    finally:
        stop.set()

