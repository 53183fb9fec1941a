"""The investigation workspace's pages and API (paths, exports, link chart data) through the
Flask test client, on the hand-made graph of tests/workspace_graph.py in the real Neo4j:
analysts only, every view audited, hostile text shown as text."""

from __future__ import annotations

import pytest
import workspace_graph
from markupsafe import escape
from test_web_fixtures import app, clients, web_users  # noqa: F401  (fixtures)

from graph_service.db import connect
from graph_service.security.audit import AuditLog


@pytest.fixture(scope="module")
def graph(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        workspace_graph.load(db, tmp_path_factory.mktemp("workspace"))
        yield db


def test_the_paths_api_answers_the_known_paths_and_is_audited(graph, clients, settings):
    answer = clients["analyst"].get("/api/v1/paths?from=A&to=D&k=2&lowest_grade=2C")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    data = answer.get_json()
    assert [[h["from"], h["to"], h["relation"]] for h in data["paths"][0]["hops"]] == [
        ["person:A", "person:B", "associates_with"], ["person:B", "person:D", "associates_with"]]
    assert data["paths"][0]["hops"][0]["evidence"][0]["grade"] == "1A"
    assert len(data["paths"]) == 2 and data["paths"][1]["length"] == 3
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "paths.view" and {"A", "B", "D", "K"} <= set(entry.ids)


@pytest.mark.parametrize("query, message", [
    ("from=A", "from and to"),
    ("from=A&to=nobody", "no person, vehicle or place"),
    ("from=A&to=D&k=0", "k: give a whole number"),
    ("from=A&to=D&lowest_grade=2E", "never counts"),
    ("from=A&to=D&kind=phoned", "no such kind of link"),
    ("from=A&to=D&since=yesterday", "since: write a date"),
])
def test_the_paths_api_says_what_is_wrong(graph, clients, query, message):
    answer = clients["analyst"].get(f"/api/v1/paths?{query}")
    assert answer.status_code == 400 and message in answer.get_json()["message"]


def test_paths_are_for_police_analysts_only(graph, clients):
    assert clients[None].get("/api/v1/paths?from=A&to=D").status_code == 401
    assert clients["partner"].get("/api/v1/paths?from=A&to=D").status_code == 403
    assert clients["partner"].get("/paths?from=A&to=D").status_code == 403
    assert clients["disruption_lead"].get("/paths?from=A&to=D").status_code == 200


def test_the_paths_page_shows_hops_grades_conditions_and_hostile_text_as_text(graph, clients):
    page = clients["analyst"].get("/paths?from=A&to=D&lowest_grade=2C").get_data(as_text=True)
    assert "<script>alert" not in page and "<b>&#34;Hart" not in page
    assert str(escape(workspace_graph.HOSTILE)) in page  # the whole name, as text
    assert "Path 1: 2 hops" in page and "Path 2: 3 hops" in page
    assert "Handling conditions on this page" in page
    assert str(escape(workspace_graph.CONDITIONS)) in page
    assert "recorded the other way round" in page  # K travelled in V1, walked from V1 to K
    bad = clients["analyst"].get("/paths?from=A&to=D&k=99")
    assert bad.status_code == 400 and "k: give a whole number" in bad.get_data(as_text=True)
