"""The investigation workspace's pages and API (paths, exports, link chart data) through the
Flask test client, on the hand-made graph of tests/workspace_graph.py in the real Neo4j:
analysts only, every view audited, hostile text shown as text."""

from __future__ import annotations

import pytest
import workspace_graph
from markupsafe import escape
from test_web_fixtures import app, clients, csrf_token, web_users  # noqa: F401  (fixtures)

from graph_service.analysis import link_chart
from graph_service.analysis.evidence_graph import Entity
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
    ("from=A&to=D&k=0", "k: give a whole number"),
    ("from=A&to=D&lowest_grade=2E", "never counts"),
    ("from=A&to=D&kind=phoned", "no such kind of link"),
    ("from=A&to=D&since=yesterday", "since: write a date"),
    ("from=boat:07700&to=D", "write an entity as person:ID"),
    ("from=phone:07700&to=D", "it lacks its area code or digits: write the number in full"),
    ("from=person:%1F&to=D", "write an entity as person:ID"),
])
def test_the_paths_api_says_what_is_wrong(graph, clients, query, message):
    answer = clients["analyst"].get(f"/api/v1/paths?{query}")
    assert answer.status_code == 400 and message in answer.get_json()["message"]


def test_an_unknown_entity_is_404(graph, clients):
    answer = clients["analyst"].get("/api/v1/paths?from=A&to=nobody")
    assert answer.status_code == 404  # the error handler words every 404 the same way


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


def test_a_person_exports_as_graphml_and_anx_and_hostile_text_round_trips(graph, clients, settings, tmp_path):
    import xml.etree.ElementTree as ET

    import networkx as nx

    answer = clients["analyst"].get("/people/A/export.graphml")
    assert answer.status_code == 200 and "attachment" in answer.headers["Content-Disposition"]
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "export.person" and set(entry.ids) == {"A", "B", "C"}
    path = tmp_path / "a.graphml"
    path.write_bytes(answer.data)
    read = nx.read_graphml(path)
    assert set(read.nodes) == {"person:A", "person:B", "person:C", "vehicle:V1"}  # A-D is 2E: never a tie
    assert read.nodes["person:A"]["label"] == workspace_graph.HOSTILE + " Ames"
    assert read.edges["person:A", "vehicle:V1"]["handling_conditions"] == workspace_graph.CONDITIONS
    assert read.edges["person:A", "person:B"]["grade"] == "1A"
    assert "L1" in read.edges["person:A", "person:B"]["evidence"]

    anx = clients["analyst"].get("/people/A/export.anx?lowest_grade=2C")
    assert anx.status_code == 200
    root = ET.fromstring(anx.data)
    entities = {e.get("Identity"): e for e in root.iter("Entity")}
    assert set(entities) == {"person:A", "person:B", "vehicle:V1"}  # A-C is 3D
    labels = {item.find("End/Entity").get("Identity"): item.get("Label")
              for item in root.iter("ChartItem") if item.find("End") is not None}
    assert labels["person:A"] == workspace_graph.HOSTILE + " Ames"
    links = [item for item in root.iter("ChartItem") if item.find("Link") is not None]
    by_id = {e.get("EntityId"): key for key, e in entities.items()}
    ends = {frozenset((by_id[i.find("Link").get("End1Id")], by_id[i.find("Link").get("End2Id")])): i for i in links}
    car = ends[frozenset(("person:A", "vehicle:V1"))]
    assert car.find("Link/LinkStyle").get("Type") == "Handling code C"
    assert car.find("Link/LinkStyle").get("Strength") == "Confirmed"  # 1B
    assert workspace_graph.CONDITIONS in car.get("Description")
    # Every entity type and strength a chart item names is declared in the chart.
    declared = {t.get("Name") for t in root.iter("EntityType")}
    assert {s.get("Type") for s in root.iter("IconStyle")} <= declared
    assert {s.get("Strength") for s in root.iter("LinkStyle")} <= {s.get("Name") for s in root.iter("Strength")}


def test_a_chart_downloads_as_drawn_with_its_filters_and_is_audited(graph, clients, settings, tmp_path):
    import networkx as nx

    page = clients["analyst"].get("/chart?start=person:A")
    assert page.status_code == 200 and 'id="chart-export"' in page.get_data(as_text=True)
    assert 'id="chart-empty"' not in page.get_data(as_text=True)
    # Opened with nothing chosen, the page says how to put something on it.
    assert 'id="chart-empty"' in clients["analyst"].get("/chart").get_data(as_text=True)
    token = csrf_token(page.get_data(as_text=True))
    partner_token = csrf_token(clients["partner"].get("/").get_data(as_text=True))
    # What the chart's script sends: the entities drawn now (A expanded, C left off the chart)
    drawn = "person:A\nperson:B\nvehicle:V1"
    answer = clients["analyst"].post("/chart/export", data={"csrf_token": token, "format": "graphml", "entities": drawn})
    assert answer.status_code == 200 and 'filename="chart.graphml"' in answer.headers["Content-Disposition"]
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "export.chart" and set(entry.ids) == {"A", "B"}
    path = tmp_path / "chart.graphml"
    path.write_bytes(answer.data)
    read = nx.read_graphml(path)
    assert set(read.nodes) == {"person:A", "person:B", "vehicle:V1"}
    assert {frozenset(e) for e in read.edges} == {frozenset(("person:A", "person:B")),
                                                  frozenset(("person:A", "vehicle:V1"))}
    assert read.nodes["person:A"]["label"] == workspace_graph.HOSTILE + " Ames"
    # the chart's filters travel in the form's address: A-B (1A) stays, the 1B car does not at 1A
    filtered = clients["analyst"].post("/chart/export?lowest_grade=1A",
                                       data={"csrf_token": token, "format": "anx", "entities": drawn})
    assert filtered.status_code == 200
    assert b"vehicle:V1" in filtered.data and filtered.data.count(b"<Link ") == 1

    def post(data, who="analyst"):
        own = token if who == "analyst" else partner_token
        return clients[who].post("/chart/export", data={"csrf_token": own, **data})

    assert post({"format": "graphml", "entities": "nonsense"}).status_code == 400
    assert post({"format": "pdf", "entities": drawn}).status_code == 400
    assert post({"format": "graphml", "entities": ""}).status_code == 400
    assert post({"format": "graphml", "entities": "person:NOBODY"}).status_code == 404
    assert clients["analyst"].post("/chart/export", data={"format": "graphml", "entities": drawn}).status_code == 400
    assert post({"format": "graphml", "entities": drawn}, who="partner").status_code == 403
    assert AuditLog.of(settings).newest(1)[0].action == "export.chart"  # nothing refused was recorded as exported


def test_a_network_export_is_404_for_an_unknown_network_and_403_for_partners(graph, clients):
    assert clients["analyst"].get("/networks/999/export.graphml").status_code == 404
    assert clients["partner"].get("/networks/999/export.anx").status_code == 403
    assert clients["partner"].get("/people/A/export.anx").status_code == 403
    assert clients["analyst"].get("/people/A/export.pdf").status_code == 404


def test_the_export_command_writes_a_file_another_tool_reads_and_is_audited(graph, cli, settings, tmp_path):
    import networkx as nx

    out = tmp_path / "a.graphml"
    done = cli("export", "person", "A", "--format", "graphml", "--out", str(out))
    assert done.returncode == 0, done.stderr
    read = nx.read_graphml(out)
    assert set(read.nodes) == {"person:A", "person:B", "person:C", "vehicle:V1"}  # A-D is 2E: never a tie
    assert read.nodes["person:A"]["label"] == workspace_graph.HOSTILE + " Ames"
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "export.person" and set(entry.ids) == {"A", "B", "C"}

    unknown = cli("export", "network", "999", "--format", "anx")
    assert unknown.returncode != 0 and "no network 999" in unknown.stderr
    assert AuditLog.of(settings).newest(1)[0].action == "export.person"  # nothing exported, nothing recorded


def test_a_persons_places_export_as_a_geopackage_read_back_by_geopandas(graph, clients, cli, settings, tmp_path):
    import geopandas as gpd

    answer = clients["analyst"].get("/people/D/export.gpkg?lowest_grade=2C")
    assert answer.status_code == 200 and answer.mimetype == "application/geopackage+sqlite3"
    assert AuditLog.of(settings).newest(1)[0].action == "export.person"
    path = tmp_path / "d.gpkg"
    path.write_bytes(answer.data)
    places = gpd.read_file(path, layer="places")
    assert places.crs.to_epsg() == 4326
    assert places["location_id"].tolist() == ["LOC1"]  # D was found with K there and seen there
    place = places.iloc[0]
    assert (place["name"], place["category"], place["best_grade"]) == ("Station Hotel", "hotel", "1A")
    assert (round(place.geometry.x, 2), round(place.geometry.y, 2)) == (-0.97, 51.45)
    assert set(place["tied_to"].split("; ")) == {"person:D", "person:E", "person:K"} and place["ties"] == 3

    out = tmp_path / "cli.gpkg"
    done = cli("export", "person", "D", "--format", "gpkg", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert gpd.read_file(out)["location_id"].tolist() == ["LOC1"]
    assert AuditLog.of(settings).newest(1)[0].action == "export.person"
    to_terminal = cli("export", "person", "D", "--format", "gpkg")
    assert to_terminal.returncode != 0 and "--out" in to_terminal.stderr
    assert clients["partner"].get("/people/D/export.gpkg").status_code == 403


def test_the_chart_api_expands_by_more_than_one_hop_nearest_first(graph, clients, settings):
    def chart(query):
        answer = clients["analyst"].get(f"/api/v1/chart?{query}")
        assert answer.status_code == 200, answer.get_data(as_text=True)
        return {n["key"] for n in answer.get_json()["nodes"]}

    one = chart("start=person:A&expand=person:A")
    assert one == {"person:A", "person:B", "person:C", "vehicle:V1"}  # A-D is graded E: never a hop
    two = chart("start=person:A&expand=person:A&hops=2")
    assert two == one | {"person:D", "person:K"}  # D through B and C, K through the vehicle
    three = chart("start=person:A&expand=person:A&hops=3")
    assert three > two and {"person:E", "location:LOC1"} <= three
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "chart.view" and '"hops": 3' in entry.detail


def test_the_chart_api_refuses_an_empty_entity(graph, clients):
    answer = clients["analyst"].get("/api/v1/chart?start=&expand=")
    assert answer.status_code == 400 and "start: an empty entity" in answer.get_json()["message"]
    answer = clients["analyst"].get("/api/v1/chart?start=phone:07700")
    assert answer.status_code == 400 and "write the number in full" in answer.get_json()["message"]


@pytest.mark.parametrize("hops", ["0", "4", "two"])
def test_the_chart_api_refuses_hops_it_cannot_draw(graph, clients, hops):
    answer = clients["analyst"].get(f"/api/v1/chart?start=person:A&expand=person:A&hops={hops}")
    assert answer.status_code == 400 and "hops: give a whole number from 1 to 3" in answer.get_json()["message"]


def test_a_full_chart_keeps_the_nearer_hops_and_counts_what_was_left_out(graph):
    a = Entity("person", "A")
    chart = link_chart.build(graph, [a], expand=[a], expand_hops=3, limit=5)
    keys = [n["key"] for n in chart["nodes"]]
    assert set(keys[:4]) == {"person:A", "person:B", "person:C", "vehicle:V1"}  # the first hop, whole
    assert keys[4] in {"person:D", "person:K"} and len(keys) == 5
    assert chart["truncated"] and chart["left_out"] == 1  # the other of D and K; the third hop never began
