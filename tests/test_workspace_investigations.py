"""Saved investigations: an analyst keeps a link chart under a name with notes, opens it again,
and shares it with a named colleague; nobody else can see it, hostile text stays text, and
saving, opening and sharing are audited. Flask's test client on the real Neo4j, and one run in
Chromium from the chart page."""

from __future__ import annotations

import pytest
import workspace_graph
from markupsafe import escape
from test_web_fixtures import BY_ROLE, app, clients, csrf_token, log_in, serving, web_users  # noqa: F401  (fixtures)

from graph_service.db import connect
from graph_service.security.audit import AuditLog


@pytest.fixture(scope="module")
def graph(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        workspace_graph.load(db, tmp_path_factory.mktemp("workspace"))
        yield db


def _save(client, name=workspace_graph.HOSTILE, entities="person:A\nperson:B\nvehicle:V1",
          query="start=person:A&expand=person:A&lowest_grade=2C"):
    token = csrf_token(client.get("/chart?start=person:A").get_data(as_text=True))
    return client.post("/investigations", data={"csrf_token": token, "name": name, "notes": "Line one\n" + name,
                                                "entities": entities, "query": query})


def test_an_analyst_saves_a_chart_and_opens_it_again_with_its_entities_and_filters(graph, clients, settings):
    answer = _save(clients["analyst"])
    assert answer.status_code == 303, answer.get_data(as_text=True)
    address = answer.headers["Location"]
    investigation_id = address.rsplit("/", 1)[1]
    assert AuditLog.of(settings).newest(1)[0].action == "investigation.save"

    page = clients["analyst"].get(address).get_data(as_text=True)
    assert str(escape(workspace_graph.HOSTILE)) in page and workspace_graph.HOSTILE not in page
    assert "start=person%3AA&amp;start=person%3AB&amp;start=vehicle%3AV1&amp;lowest_grade=2C" in page
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "investigation.open" and entry.ids == [investigation_id, "A", "B"]

    data = clients["analyst"].get(f"/api/v1/investigations/{investigation_id}").get_json()
    assert data["entities"] == ["person:A", "person:B", "vehicle:V1"]
    assert data["filters"] == {"lowest_grade": ["2C"]}  # the chart's own start and expand are not filters
    assert data["owner"] == BY_ROLE["analyst"] and data["shared_with"] == []
    listing = clients["analyst"].get("/investigations").get_data(as_text=True)
    assert address.split("localhost")[-1] in listing


def test_nobody_else_sees_it_until_the_owner_shares_it_with_a_named_analyst(graph, clients, settings):
    address = _save(clients["analyst"], name="Shared one").headers["Location"]
    investigation_id = address.rsplit("/", 1)[1]
    colleague = clients["disruption_lead"]
    assert colleague.get(address).status_code == 404
    assert "Shared one" not in colleague.get("/investigations").get_data(as_text=True)
    assert clients["partner"].get(address).status_code == 403

    page = clients["analyst"].get(address).get_data(as_text=True)
    token = csrf_token(page)
    refused = clients["analyst"].post(f"{address}/share", data={"csrf_token": token,
                                                                 "users": f"{BY_ROLE['partner']}, nobody"})
    assert refused.status_code == 303
    assert colleague.get(address).status_code == 404  # a partner or an unknown name shares nothing

    shared = clients["analyst"].post(f"{address}/share", data={"csrf_token": token,
                                                                "users": BY_ROLE["disruption_lead"]})
    assert shared.status_code == 303
    assert AuditLog.of(settings).newest(1)[0].action == "investigation.share"
    assert colleague.get(address).status_code == 200
    assert "Shared one" in colleague.get("/investigations").get_data(as_text=True)
    # Only the owner shares it further.
    token = csrf_token(colleague.get(address).get_data(as_text=True))
    assert colleague.post(f"{address}/share", data={"csrf_token": token, "users": BY_ROLE["analyst"]}).status_code == 404
    assert investigation_id.startswith("INV-")


@pytest.mark.parametrize("name, entities, message", [
    ("", "person:A", "name: give the investigation a name"),
    ("No entities", "", "entities: save from a drawn chart"),
    ("Bad entity", "phone:07700", "entities:"),
])
def test_a_bad_save_says_what_is_wrong_and_keeps_nothing(graph, clients, name, entities, message):
    before = clients["analyst"].get("/investigations").get_data(as_text=True).count("<tr>")
    answer = _save(clients["analyst"], name=name, entities=entities)
    assert answer.status_code == 400 and message in answer.get_data(as_text=True)
    assert clients["analyst"].get("/investigations").get_data(as_text=True).count("<tr>") == before


@pytest.mark.browser
def test_saving_from_the_chart_page_keeps_what_is_drawn(graph, browser, app, web_users):  # noqa: F811
    with serving(app) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            log_in(page, server, "analyst")
            page.goto(server + "/chart?start=person:A&expand=person:A")
            page.wait_for_selector("#chart[data-drawn]")
            page.click("summary:has-text('Save as an investigation')")
            page.fill("#chart-save-name", "From the browser")
            page.click("#chart-save button[type=submit]")
            page.wait_for_selector("#open-chart")
            assert "4 entities" in page.inner_text("main") or "4 entities" in page.content()
            page.click("#open-chart")
            page.wait_for_selector("#chart[data-drawn]")
            assert page.get_attribute("#chart", "data-drawn") == "4"
        finally:
            context.close()
