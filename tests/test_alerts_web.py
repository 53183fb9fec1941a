"""The alerts inbox over the real Neo4j: pages and API for analysts and disruption leads,
nothing for partners, hostile text escaped, acknowledging with a note, every view audited,
and the inbox in real headless Chromium."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_web_fixtures import (  # noqa: F401  (fixtures)
    BY_ROLE,
    PASSWORD,
    app,
    clients,
    csrf_token,
    log_in,
    serving,
    shown,
    web_users,
    world,
    write_world,
)

from graph_service.analysis.alerts import store
from graph_service.db import connect
from graph_service.security.audit import AuditLog
from graph_service.web import create_app
from ingest import ingest_paths

HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory, web_users):  # noqa: F811
    """The dashboard world with a notice on Dan Coe (P2) for Amy Hart (P1) issued before she
    was found with him and sighted with him: two breaches; a watch on the place L2."""
    today = date.today()
    extra = [{"type": "notice", "notice_id": "N1", "adult_id": "P2", "child_id": "P1", "basis": "s49_ca_1989",
              "issued_on": (today - timedelta(days=12)).isoformat(), "status": "active"},
             {"type": "intel", "intel_id": "I9", "reported_on": (today - timedelta(days=1)).isoformat(),
              "source_evaluation": "2", "intelligence_assessment": "C", "handling_code": "P", "summary": HOSTILE},
             {"type": "link", "link_id": "K9", "intel_id": "I9", "subject_type": "person", "subject_id": "P3",
              "relation": "seen_at", "object_type": "location", "object_id": "L2"}]
    with connect(settings) as db:
        db.apply("db/wipe")
        records = world(today)
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("w1"), [r for r in records if r["type"] != "link"]
                                      + [r for r in records if r["type"] == "link"] + extra[:1])])
        store.add_watch(db, BY_ROLE["analyst"], "place", "L2", since=today - timedelta(days=5))
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("w2"), extra[1:])])
        yield db


def test_a_disruption_lead_sees_the_breaches_unread_first_with_evidence(loaded, clients):
    body = clients["disruption_lead"].get("/alerts?kind=breach").get_data(as_text=True)
    assert body.count('class="alert-item unread"') == 2
    assert "missing episode E1" in body and "sighting S1" in body and "notice N1" in body


def test_an_analyst_gets_their_watch_alert_with_hostile_text_escaped(loaded, clients):
    body = clients["analyst"].get("/alerts?kind=watch").get_data(as_text=True)
    assert "I9" in body and HOSTILE not in body and "&lt;script&gt;" in body
    # Breaches go to disruption leads, not to every analyst.
    assert clients["analyst"].get("/api/v1/alerts?kind=breach").get_json()["total"] == 0


def test_the_api_pages_the_inbox(loaded, clients):
    answer = clients["disruption_lead"].get("/api/v1/alerts?per_page=1").get_json()
    assert set(answer) >= {"items", "total", "page", "pages", "per_page", "next", "unread"}
    assert answer["per_page"] == 1 and answer["pages"] == answer["total"] >= 2 and answer["next"]
    item = answer["items"][0]
    assert set(item) >= {"alert_id", "kind", "people", "evidence", "grade"}
    assert clients["disruption_lead"].get("/api/v1/alerts?kind=nonsense").status_code == 400


@pytest.mark.parametrize("role", ["partner", "admin"])
def test_partners_and_administrators_get_no_alerts(loaded, clients, role):
    for path in ("/alerts", "/api/v1/alerts"):
        response = clients[role].get(path)
        assert response.status_code == 403, path
        assert "P1" not in shown(response.get_data(as_text=True))
    assert store.recipients(BY_ROLE[role], role) == []


def test_acknowledging_with_a_hostile_note_keeps_it_as_text_and_is_audited(loaded, clients, settings):
    lead = clients["disruption_lead"]
    alert = lead.get("/api/v1/alerts?kind=breach").get_json()["items"][0]
    page = lead.get("/alerts").get_data(as_text=True)
    missing_note = lead.post(f"/alerts/{alert['alert_id']}/ack", data={"csrf_token": csrf_token(page), "note": ""})
    assert missing_note.status_code == 400
    response = lead.post(f"/alerts/{alert['alert_id']}/ack", data={"csrf_token": csrf_token(page), "note": HOSTILE})
    assert response.status_code == 302
    body = lead.get("/alerts?kind=breach").get_data(as_text=True)
    assert HOSTILE not in body and "&lt;script&gt;alert" in body
    assert body.index('class="alert-item unread"') < body.index('class="alert-item read"')  # unread first
    entries = [e for e in AuditLog.of(settings).entries() if e.action in ("alerts.view", "alerts.ack")]
    assert any(e.action == "alerts.ack" and e.ids[0] == alert["alert_id"] for e in entries)
    assert any(e.action == "alerts.view" and "P1" in e.ids for e in entries)
    assert lead.post("/alerts/AL-000000000000/ack", data={"csrf_token": csrf_token(page), "note": "x"}).status_code == 404


@pytest.fixture(scope="module")
def server(settings, loaded):
    with serving(create_app(settings)) as base:
        yield base


def test_the_inbox_in_a_browser_acknowledge_and_watch(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
    try:
        log_in(page, server, "analyst")
        page.goto(server + "/alerts")
        first = page.locator("article.alert-item.unread").first
        first.get_by_label("Note (recorded with your name)").fill("Looked at it; passed to the case officer")
        first.get_by_role("button", name="Acknowledge").click()
        page.wait_for_load_state()
        assert "Alert acknowledged." in page.content()
        assert page.locator("p.ack").first.inner_text().endswith("passed to the case officer")
        page.select_option("select[name=target_kind]", "vehicle")
        page.fill("input[name=target_id]", "ab12 cde")
        page.get_by_role("button", name="Watch", exact=True).click()
        page.wait_for_load_state()
        assert "You now watch vehicle AB12CDE" in page.content()
        page.screenshot(path=str(server_screenshot()), full_page=True)
        assert problems == []
    finally:
        context.close()


def server_screenshot():
    import os
    import tempfile
    return os.path.join(os.environ.get("ALERTS_SCREENSHOT_DIR", tempfile.gettempdir()), "alerts-inbox.png")
