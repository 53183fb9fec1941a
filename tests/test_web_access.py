"""Who may see what: every route, for nobody and for each role, over a loaded graph."""

from __future__ import annotations

import re

import pytest
from test_web_fixtures import (  # noqa: F401  (fixtures)
    BY_ROLE,
    C_CONDITIONS,
    PEOPLE,
    app,
    clients,
    loaded,
    web_users,
)

from graph_service.analysis.networks import list_networks, run_networks
from graph_service.security.audit import AuditLog

ANALYSTS = {"analyst", "disruption_lead"}
ANALYSTS_AND_PARTNERS = ANALYSTS | {"partner"}
EVERYONE = {"analyst", "disruption_lead", "partner", "admin"}

# (path, roles allowed). "{network}" is the detected network's number.
ROUTES = [
    ("/", EVERYONE),
    ("/search?q=hart", ANALYSTS),
    ("/people/P1", ANALYSTS),
    ("/people/P1/map", ANALYSTS),
    ("/vehicles/AB12CDE", ANALYSTS),
    ("/vehicles/AB12CDE/map", ANALYSTS),
    ("/locations/L1", ANALYSTS),
    ("/locations/L1/map", ANALYSTS),
    ("/networks", ANALYSTS_AND_PARTNERS),
    ("/networks/map", ANALYSTS),
    ("/networks/{network}", ANALYSTS_AND_PARTNERS),  # partners: the code P summary only
    ("/networks/{network}/map", ANALYSTS),
    ("/hotspots", ANALYSTS_AND_PARTNERS),
    ("/hotspots/map", ANALYSTS_AND_PARTNERS),
    ("/hotspots/print", ANALYSTS_AND_PARTNERS),
    ("/hotspots/export.geojson", ANALYSTS_AND_PARTNERS),
    ("/candidates", {"disruption_lead"}),
    ("/candidates.csv", {"disruption_lead"}),
    ("/candidates/pack.html", {"disruption_lead"}),
    ("/disruption", {"disruption_lead"}),
    ("/disruption/actions.csv", {"disruption_lead"}),
    ("/disruption/actions.html", {"disruption_lead"}),
    ("/concerns", ANALYSTS),
    ("/alerts", ANALYSTS),
    ("/admin/audit", {"admin"}),
    ("/admin/users", {"admin"}),
    ("/api/v1/openapi.json", EVERYONE),
    ("/api/v1/summary", EVERYONE),
    ("/api/v1/search?q=hart", ANALYSTS),
    ("/api/v1/people?q=hart", ANALYSTS),
    ("/api/v1/people/P1", ANALYSTS),
    ("/api/v1/people/P1/network", ANALYSTS),
    ("/api/v1/vehicles/AB12CDE", ANALYSTS),
    ("/api/v1/locations/L1", ANALYSTS),
    ("/api/v1/networks", ANALYSTS),
    ("/api/v1/networks/summaries", ANALYSTS_AND_PARTNERS),
    ("/api/v1/networks/{network}", ANALYSTS),
    ("/api/v1/hotspots", ANALYSTS_AND_PARTNERS),
    ("/api/v1/hotspots/cells", ANALYSTS_AND_PARTNERS),
    ("/api/v1/candidates", {"disruption_lead"}),
    ("/api/v1/disruption/actions", {"disruption_lead"}),
    ("/api/v1/alerts", ANALYSTS),
    ("/api/v1/concerns", ANALYSTS),
    ("/api/v1/audit", {"admin"}),
]
ROLES = [None, "analyst", "disruption_lead", "partner", "admin"]


@pytest.fixture(scope="module")
def network_id(loaded):
    run_networks(loaded, seed=42)
    found = list_networks(loaded)
    assert len(found) == 1, found
    return found[0]["network_id"]


def _strip_nonces(text: str) -> str:
    return re.sub(r'nonce(?:="|-)[A-Za-z0-9_\-]+', "", text)


def _partner_safe(body: str) -> list[str]:
    """Anything in a partner's answer that names or identifies a person, or is code C."""
    body = _strip_nonces(body)
    found = [name for name in PEOPLE.values() if name in body]
    found += [part for name in PEOPLE.values() for part in name.split() if re.search(rf"\b{part}\b", body)]
    found += re.findall(r"\bP[1-4]\b", body)
    found += [text for text in (C_CONDITIONS, "gives Kim Roe gifts", "12 Acre Lane", "Danny C", "Ames")
              if text in body]
    return found


@pytest.mark.parametrize("path, allowed", ROUTES, ids=[p for p, _ in ROUTES])
@pytest.mark.parametrize("role", ROLES, ids=[str(r) for r in ROLES])
def test_route_for_role(clients, network_id, path, allowed, role):
    path = path.format(network=network_id)
    response = clients[role].get(path)
    if role is None:
        if path.startswith("/api/"):
            assert response.status_code == 401
            assert response.get_json()["error"] == "login required"
        else:
            assert response.status_code == 302
            assert response.headers["Location"].startswith("/login?next=")
        return
    expected = 200 if role in allowed else 403
    assert response.status_code == expected, response.get_data(as_text=True)[:500]
    if role == "partner" and expected == 200:
        assert _partner_safe(response.get_data(as_text=True)) == []


def test_analysts_do_see_names_so_the_partner_check_means_something(loaded, clients):
    body = clients["analyst"].get("/people/P1").get_data(as_text=True)
    assert PEOPLE["P1"] in body and PEOPLE["P2"] in body
    assert _partner_safe(body)


def test_any_named_person_request_by_a_partner_is_403(clients):
    partner = clients["partner"]
    for path in ("/people/P2", "/people/nobody", "/api/v1/people/P2", "/api/v1/people?q=coe",
                 "/search?q=coe", "/api/v1/people/P2/network", "/vehicles/AB12CDE", "/locations/L3"):
        assert partner.get(path).status_code == 403, path


def test_unknown_records_are_404_for_analysts(clients, network_id):
    analyst = clients["analyst"]
    for path in ("/people/P999", "/api/v1/people/P999", "/api/v1/people/P999/network", "/vehicles/ZZ99ZZZ",
                 "/locations/L999", f"/networks/{network_id + 100}", f"/api/v1/networks/{network_id + 100}"):
        response = analyst.get(path)
        assert response.status_code == 404, path


def test_state_changing_requests_need_a_csrf_token(clients):
    admin = clients["admin"]
    assert admin.post(f"/admin/users/{BY_ROLE['partner']}/disable").status_code == 400
    assert admin.post("/logout").status_code == 400
    assert clients["analyst"].post("/api/v1/people/P1").status_code in (400, 405)


def test_views_of_personal_data_are_audited_with_user_ids_and_purpose(loaded, settings, clients):
    log = AuditLog.of(settings)
    before = log.verify().entries
    clients["analyst"].get("/people/P1")
    clients["analyst"].get("/api/v1/people?q=hart")
    clients["disruption_lead"].get("/vehicles/AB12CDE")
    new = list(log.entries())[before:]
    by_action = {(e.user, e.action): e for e in new}
    view = by_action[(BY_ROLE["analyst"], "person.view")]
    assert view.ids == ["P1", "P2"]  # the person and the one person the page names with them
    assert view.purpose == "tests as analyst"
    search = by_action[(BY_ROLE["analyst"], "search")]
    assert search.ids == ["P1"] and "hart" in search.detail
    vehicle = by_action[(BY_ROLE["disruption_lead"], "vehicle.view")]
    assert vehicle.ids[0] == "AB12CDE" and "P2" in vehicle.ids
    assert vehicle.purpose == "tests as disruption_lead"
    assert log.verify().ok


def test_a_refused_request_writes_no_view_to_the_audit_log(settings, clients):
    log = AuditLog.of(settings)
    before = log.verify().entries
    assert clients["partner"].get("/people/P1").status_code == 403
    assert clients["admin"].get("/api/v1/people/P1").status_code == 403
    assert list(log.entries())[before:] == []


def test_admin_can_disable_a_user_with_the_form(settings, app, clients):
    from test_web_fixtures import PASSWORD, csrf_token, login

    from graph_service.security.users import UserStore

    store = UserStore.of(settings)
    store.add("web-temp-partner", "partner", PASSWORD)
    victim = app.test_client()
    assert login(victim, "web-temp-partner").status_code == 303
    admin = clients["admin"]
    page = admin.get("/admin/users").get_data(as_text=True)
    assert "web-temp-partner" in page
    response = admin.post("/admin/users/web-temp-partner/disable", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 303
    assert store.get("web-temp-partner").active is False
    assert victim.get("/api/v1/summary").status_code == 401
    entries = AuditLog.of(settings).newest(5, action="user.disable")
    assert entries[0].ids == ["web-temp-partner"] and entries[0].user == BY_ROLE["admin"]
