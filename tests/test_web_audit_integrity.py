"""No audit, no access, no change: the dashboard while the audit log fails its check, and the
order of a change and its audit entry (issue #11)."""

from __future__ import annotations

import re
import time

import pytest
from test_web_fixtures import PASSWORD, app, broken, clients, csrf_token, loaded, login, web_users  # noqa: F401

from graph_service import settings as service_settings
from graph_service.analysis import disruption as plans
from graph_service.analysis.candidates import review as candidate_review
from graph_service.analysis.networks import run_networks
from graph_service.security.audit import AuditLog
from graph_service.security.sessions import SessionStore
from graph_service.security.users import UserStore
from graph_service.web import create_app
from graph_service.web.networks import RUN_CHECK_SECONDS


@pytest.fixture
def own_home(tmp_path):
    home = service_settings.load({"GRAPH_SERVICE_HOME": str(tmp_path)})
    UserStore.of(home).add("auditor", "admin", PASSWORD)
    UserStore.of(home).add("reader", "analyst", PASSWORD)
    return home


def test_login_is_refused_while_the_audit_log_is_broken(own_home):
    app = create_app(own_home)
    first = app.test_client()
    assert login(first, "auditor").status_code == 303  # the log has an entry now
    log = AuditLog.of(own_home)
    with broken(log):
        client = app.test_client()
        refused = login(client, "reader")
        assert refused.status_code == 503
        assert "audit log failed its integrity check" in refused.get_data(as_text=True)
        assert client.get("/api/v1/summary").status_code == 401
        assert SessionStore(UserStore.of(own_home)).count("reader") == 0
    assert login(app.test_client(), "reader").status_code == 303


def test_removing_the_head_and_the_last_entries_refuses_logins(own_home):
    app = create_app(own_home)
    for _ in range(3):
        assert login(app.test_client(), "auditor").status_code == 303
    log = AuditLog.of(own_home)
    lines = log.path.read_text().splitlines(keepends=True)
    log.path.write_text("".join(lines[:-2]))
    log.head_path.unlink()
    assert login(app.test_client(), "reader").status_code == 503


@pytest.mark.parametrize("damage", ["line", "head"])
def test_the_audit_page_shows_a_malformed_log_never_a_500(own_home, damage):
    app = create_app(own_home)
    admin = app.test_client()
    assert login(admin, "auditor").status_code == 303
    log = AuditLog.of(own_home)
    if damage == "line":
        with log.path.open("a") as file:
            file.write('{"seq": 2, "half an entry\n')
    else:
        log.head_path.write_text("{not a head")
    page = admin.get("/admin/audit")
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    assert "FAILED its check" in html and ("not a JSON entry" in html or "not a head file" in html)
    assert "auditor" not in html.split("audit-entries")[1]  # no entries shown
    home = admin.get("/")
    assert home.status_code == 200 and "BROKEN" in home.get_data(as_text=True)
    assert admin.get("/api/v1/audit").status_code == 503


def test_disabling_a_user_is_not_done_while_the_log_is_broken(own_home):
    app = create_app(own_home)
    admin = app.test_client()
    assert login(admin, "auditor").status_code == 303
    token = csrf_token(admin.get("/admin/users").get_data(as_text=True))
    with broken(AuditLog.of(own_home)):
        assert admin.post("/admin/users/reader/disable", data={"csrf_token": token}).status_code == 503
    assert UserStore.of(own_home).get("reader").active


# -- changes reach the database only after their audit entry ------------------------------------

@pytest.fixture(scope="module")
def networks_found(loaded):
    run_networks(loaded, seed=42)
    time.sleep(RUN_CHECK_SECONDS)


def test_a_decision_is_not_stored_while_the_audit_log_is_broken(loaded, clients, settings):
    lead = clients["disruption_lead"]
    page = lead.get("/candidates").get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "adult_id": "P2", "child_id": "P1", "decision": "approved",
            "reason": "found with her after a missing episode"}
    with broken(AuditLog.of(settings)):
        assert lead.post("/candidates/decision", data=form).status_code == 503
    assert candidate_review.decision_history(loaded, "P2", "P1") == []
    assert lead.post("/candidates/decision", data=form).status_code == 303
    (stored,) = candidate_review.decision_history(loaded, "P2", "P1")
    entry = AuditLog.of(settings).newest(1, action="candidate.decision")[0]
    assert entry.ids == ["P2", "P1"] and stored["decision"] in entry.detail


def test_a_plan_and_an_action_update_are_not_stored_while_the_audit_log_is_broken(
        loaded, networks_found, clients, settings):
    lead = clients["disruption_lead"]
    network_id = clients["analyst"].get("/api/v1/networks").get_json()["items"][0]["network_id"]
    token = csrf_token(lead.get("/disruption").get_data(as_text=True))
    log = AuditLog.of(settings)
    with broken(log):
        assert lead.post("/disruption/plan", data={"csrf_token": token, "network_id": str(network_id)}).status_code == 503
    assert plans.stored_actions(loaded) == []
    assert lead.post("/disruption/plan", data={"csrf_token": token, "network_id": str(network_id)}).status_code == 303
    action_id = plans.stored_actions(loaded)[0]["action_id"]
    change = {"csrf_token": token, "owner": "DS Example", "status": "agreed", "due_on": "", "note": ""}
    with broken(log):
        assert lead.post(f"/disruption/actions/{action_id}", data=change).status_code == 503
    assert plans.stored_actions(loaded)[0].get("owner") is None
    assert lead.post(f"/disruption/actions/{action_id}", data=change).status_code == 303
    assert plans.stored_actions(loaded)[0]["owner"] == "DS Example"


def test_people_named_in_facts_about_vehicles_and_places_are_audited(loaded, networks_found, clients, settings):
    lead = clients["disruption_lead"]
    network_id = clients["analyst"].get("/api/v1/networks").get_json()["items"][0]["network_id"]
    token = csrf_token(lead.get("/disruption").get_data(as_text=True))
    assert lead.post("/disruption/plan", data={"csrf_token": token, "network_id": str(network_id)}).status_code == 303
    stored = plans.stored_actions(loaded)
    others = [a for a in stored if a["target_kind"] != "person"]
    named = {p for a in others for p in a.get("person_ids") or []}
    assert others and named, stored
    for a in others:  # every person a fact names is in the action's list
        assert set(re.findall(r"\bP\d+\b", " ".join(a["facts"]))) <= set(a["person_ids"]), a
    assert lead.get("/disruption").status_code == 200
    entry = AuditLog.of(settings).newest(1, action="disruption.view")[0]
    assert named <= set(entry.ids)
    assert lead.get("/disruption/actions.csv").status_code == 200
    entry = AuditLog.of(settings).newest(1, action="disruption.export")[0]
    assert named <= set(entry.ids)
