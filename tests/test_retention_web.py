"""The review queue page over the real Neo4j: for analysts and disruption leads only, oldest review
date first and paged on the server, intake text escaped, retaining with a reason (CSRF
checked), deleting after a confirmation step, every view and change audited; and the page in
real headless Chromium."""

from __future__ import annotations

import threading
import time
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
    web_users,
    world,
    write_world,
)

from graph_service.analysis.retention import due_dates, queue
from graph_service.security.audit import AuditLog
from graph_service.web import create_app, review_queue
from ingest import ingest_paths

HOSTILE = '<script>alert("x")</script>'
FAR = "2040-01-01"


def shown(client, url: str) -> list[str]:
    """The pages a browser sees at ``url``, reloading while the queue is being worked out (as the
    page's refresh does), the last one the queue: a busy machine may take longer than the page waits."""
    bodies = []
    for _ in range(240):
        bodies.append(client.get(url).get_data(as_text=True))
        if 'id="review-preparing"' not in bodies[-1]:
            return bodies
        time.sleep(0.5)
    raise AssertionError(f"{url}: the queue was still being worked out after two minutes")


@pytest.fixture
def loaded(db, tmp_path):
    """The dashboard world, and a person with a hostile name given an early review date."""
    today = date.today()
    extra = [{"type": "person", "person_id": "P9", "forename": HOSTILE, "review_date": (today - timedelta(days=3)).isoformat()}]
    ingest_paths(db, [write_world(tmp_path / "w", world(today) + extra)])
    return db


def test_the_queue_is_for_analysts_only(loaded, clients):
    assert clients[None].get("/review").status_code == 302  # to the login page
    assert clients["partner"].get("/review").status_code == 403
    assert clients["admin"].get("/review").status_code == 403
    assert clients["disruption_lead"].get("/review").status_code == 200
    assert clients["analyst"].get("/review?due_by=2026-02-30").status_code == 400


def test_the_queue_lists_oldest_first_with_why_and_whom_escaped_and_audited(loaded, clients, settings):
    body = shown(clients["analyst"], "/review")[-1]
    assert "P9" in body and HOSTILE not in body and "&lt;script&gt;" in body  # due today: only P9
    assert "review_date given in the intake" in body and "Delete…" in body
    everything = shown(clients["analyst"], f"/review?due_by={FAR}&per_page=5")[-1]
    expected = [i["record_id"] for i in queue.due(loaded, date.fromisoformat(FAR), 1, 5).items]
    # a key of several parts (a care status, a family tie) reads "P1 · accommodated_s20 · 2022-09-30"
    positions = [everything.index(f'<span class="id">{rid.replace("|", " · ")}</span>') for rid in expected]
    assert positions == sorted(positions) and len(expected) == 5
    assert 'rel="next"' in everything  # more than one page
    entry = AuditLog.of(settings).newest(1, action="review.view")[0]
    assert set(expected) <= set(entry.ids)


def test_retaining_from_the_page(loaded, clients, settings):
    analyst = clients["analyst"]
    page = shown(analyst, "/review")[-1]
    form = {"record_type": "person", "record_id": "P9", "reason": "still linked to an open case"}
    assert analyst.post("/review/retain", data=form).status_code == 400  # no CSRF token
    answer = analyst.post("/review/retain?page=1", data={**form, "csrf_token": csrf_token(page)})
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/review")
    (decision,) = queue.decisions(loaded, "person", "P9")
    assert (decision["decided_by"], decision["reason"]) == (BY_ROLE["analyst"], "still linked to an open case")
    assert AuditLog.of(settings).newest(1, action="review.retain")[0].ids == ["P9"]
    after = shown(analyst, "/review")
    assert "person P9 retained; next review" in "".join(after) and "No record is due for review" in after[-1]
    missing = analyst.post("/review/retain", data={**form, "record_id": "NOPE", "csrf_token": csrf_token(page)})
    assert missing.status_code == 404


def test_deleting_a_person_after_confirming(loaded, clients, settings):
    analyst = clients["analyst"]
    confirm = analyst.get("/review/delete?person=P2").get_data(as_text=True)
    assert "Delete person" in confirm and "This cannot be undone" in confirm
    assert analyst.get("/review/delete?person=NOPE").status_code == 404
    assert analyst.get("/review/delete").status_code == 400
    token = csrf_token(confirm)
    assert analyst.post("/review/delete", data={"kind": "person", "target_id": "P2", "reason": "x"}).status_code == 400
    done = analyst.post("/review/delete", data={"csrf_token": token, "kind": "person", "target_id": "P2",
                                                "reason": "no longer needed"})
    assert done.status_code == 302
    assert loaded.read_text("MATCH (p:Person {person_id: 'P2'}) RETURN count(p) AS n")[0]["n"] == 0
    entry = AuditLog.of(settings).newest(1, action="review.delete_person")[0]
    assert entry.ids[0] == "P2" and "K1" in entry.ids and "no longer needed" in entry.detail
    assert "Person P2 deleted" in "".join(shown(analyst, "/review"))
    report = analyst.post("/review/delete", data={"csrf_token": token, "kind": "intel", "target_id": "I3",
                                                  "reason": "past its purpose"})
    assert report.status_code == 302
    assert loaded.read_text("MATCH (i:Intel {intel_id: 'I3'}) RETURN count(i) AS n")[0]["n"] == 0
    refused = clients["partner"].post("/review/delete", data={"csrf_token": token, "kind": "person", "target_id": "P1",
                                                              "reason": "x"})
    assert refused.status_code in (400, 403)  # another session's token, and no analyst role
    assert loaded.read_text("MATCH (p:Person {person_id: 'P1'}) RETURN count(p) AS n")[0]["n"] == 1


def test_an_ingest_shows_in_the_queue_at_once(loaded, clients, tmp_path):
    # Read from the records' stored review dates on every visit: nothing is kept to go stale.
    early = (date.today() - timedelta(days=1)).isoformat()
    before = shown(clients["analyst"], "/review?per_page=200")[-1]
    assert '<span class="id">I-NEW</span>' not in before and '<span class="id">P1</span>' not in before
    ingest_paths(loaded, [write_world(tmp_path / "more", [
        {"type": "intel", "intel_id": "I-NEW", "reported_on": "2000-01-01", "source_evaluation": "2",
         "intelligence_assessment": "B", "handling_code": "P"},
        {"type": "person", "person_id": "P1", "review_date": early}])])
    after = shown(clients["analyst"], "/review?per_page=200")[-1]
    assert '<span class="id">I-NEW</span>' in after and "2006-01-01" in after  # six years on
    assert '<span class="id">P1</span>' in after and early in after


def test_a_page_asked_for_while_the_dates_are_set_under_a_new_policy_says_so_and_reloads(loaded, app, clients,
                                                                                       monkeypatch):
    release = threading.Event()
    real = due_dates.bring_up_to_date

    def held(db):  # the real dating, once the test lets it run
        release.wait(30)
        return real(db)

    loaded.write("retention/set_review_policy", policy="a policy no longer in force")
    monkeypatch.setattr(due_dates, "bring_up_to_date", held)
    monkeypatch.setattr(review_queue, "PAGE_WAIT_SECONDS", 0.1)
    waiting = clients["analyst"].get("/review").get_data(as_text=True)
    assert "being worked out" in waiting and '<meta http-equiv="refresh" content="3">' in waiting
    assert 'id="review-queue"' not in waiting
    release.set()
    with app.app_context():
        assert review_queue.ready()  # until it is done
    assert due_dates.up_to_date(loaded)
    ready = clients["analyst"].get("/review").get_data(as_text=True)
    assert 'id="review-queue"' in ready and "P9" in ready and "being worked out" not in ready


@pytest.fixture
def server(settings, loaded):
    with serving(create_app(settings)) as base:
        yield base


def test_the_queue_in_a_browser_retain_then_delete(browser, server, web_users):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))
    try:
        log_in(page, server, "analyst")
        page.get_by_role("link", name="Review").click()
        page.wait_for_selector("#review-queue", timeout=120_000)  # the page reloads until the queue is ready
        assert page.locator("#review-queue tbody tr").count() == 1
        assert HOSTILE in page.locator("#review-queue").inner_text()  # shown as text, never run
        page.fill("input[name=due_by]", FAR)
        page.get_by_role("button", name="Show").click()
        page.wait_for_selector("#review-queue tbody tr:nth-child(2)", timeout=120_000)
        first = page.locator("#review-queue tbody tr").first
        first.get_by_label("Reason to retain (kept with your name)").fill("still needed for an open case")
        first.get_by_role("button", name="Retain").click()
        page.wait_for_load_state()
        assert "retained; next review" in page.content()
        page.goto(server + f"/review?due_by={FAR}")
        page.wait_for_selector("#review-queue", timeout=120_000)
        page.get_by_role("link", name="Delete person P3…").first.click()
        page.wait_for_load_state()
        page.get_by_label("Why it is no longer needed").fill("no policing purpose remains")
        page.get_by_role("button", name="Delete person P3").click()
        page.wait_for_load_state()
        assert "Person P3 deleted" in page.content()
        assert problems == []
    finally:
        context.close()


def test_a_person_deleted_through_one_process_is_gone_from_anothers_network_pages(loaded, clients, settings,
                                                                                  monkeypatch):
    """``serve`` answers from several processes, each keeping the network pages it has read:
    the one that did not take the deletion must not go on showing the deleted person."""
    from test_web_fixtures import login, shown

    from graph_service.analysis.networks import run_networks
    from graph_service.web import networks

    run_networks(loaded)
    [row] = loaded.read_text("MATCH (:Person {person_id: 'P2'})-[:MEMBER_OF]->(n:Network {active: true}) "
                             "RETURN n.network_id AS id")
    other = create_app(settings).test_client()  # another process's app, with its own kept pages
    assert login(other, BY_ROLE["analyst"]).status_code == 303
    monkeypatch.setattr(networks, "RUN_CHECK_SECONDS", 0)
    before = other.get(f"/networks/{row['id']}").get_data(as_text=True)
    assert "P2" in before
    page = clients["analyst"].get("/review/delete?person=P2").get_data(as_text=True)
    deleted = clients["analyst"].post("/review/delete", data={"csrf_token": csrf_token(page), "kind": "person",
                                                              "target_id": "P2", "reason": "no longer needed"})
    assert deleted.status_code == 302
    after = other.get(f"/networks/{row['id']}")
    assert after.status_code == 404 or "P2" not in shown(after.get_data(as_text=True))
    assert "P2" not in shown(other.get("/networks").get_data(as_text=True))
