"""Paths between two entities over the evidence graph, on a hand-made graph whose k shortest
paths are known (tests/workspace_graph.py), against the real Neo4j."""

from __future__ import annotations

import json

import pytest
import workspace_graph

from graph_service.analysis.evidence_graph import Entity, Filters, find
from graph_service.analysis.paths import k_shortest_paths
from graph_service.security.audit import AuditLog


@pytest.fixture
def graph(db, tmp_path):
    workspace_graph.load(db, tmp_path)
    return db


def people(path: dict) -> list[str]:
    return [path["hops"][0]["from"]] + [hop["to"] for hop in path["hops"]]


def test_the_k_shortest_paths_shortest_first_stronger_first_among_equals(graph):
    result = k_shortest_paths(graph, Entity("person", "A"), Entity("person", "D"), k=3)
    assert [people(p) for p in result["paths"]] == [
        ["person:A", "person:B", "person:D"],
        ["person:A", "person:C", "person:D"],
        ["person:A", "vehicle:V1", "person:K", "person:D"],
    ]
    first = result["paths"][0]["hops"]
    assert [(h["relation"], h["grade"]) for h in first] == [("associates_with", "1A"), ("associates_with", "2B")]
    assert first[0]["evidence"][0]["id"] == "L1" and first[0]["evidence"][0]["intel_id"] == "I1"
    last = result["paths"][2]["hops"]
    assert [h["relation"] for h in last] == ["uses_vehicle", "travelled_in", "found_with"]
    # K travelled in V1: the path walks the link from its object to its subject, and says so.
    assert last[1]["evidence"][0]["reversed"] is True and last[0]["evidence"][0]["reversed"] is False
    assert last[0]["evidence"][0]["handling_code"] == "C"
    assert last[0]["evidence"][0]["handling_conditions"] == workspace_graph.CONDITIONS
    assert last[2]["grade"] == "1A" and last[2]["evidence"][0]["kind"] == "missing_episode"
    assert result["entities"]["person:K"]["child"] is True
    assert result["entities"]["person:A"]["label"].startswith(workspace_graph.HOSTILE)


def test_an_e_graded_report_is_never_a_hop(graph):
    result = k_shortest_paths(graph, Entity("person", "A"), Entity("person", "D"), k=10)
    assert all(len(p["hops"]) > 1 for p in result["paths"])
    assert "L5" not in json.dumps(result)


def test_the_lowest_grade_leaves_out_weaker_hops(graph):
    filters = Filters.of(lowest_grade="2C")
    result = k_shortest_paths(graph, Entity("person", "A"), Entity("person", "D"), k=3, filters=filters)
    assert [people(p) for p in result["paths"]] == [
        ["person:A", "person:B", "person:D"],
        ["person:A", "vehicle:V1", "person:K", "person:D"],
        ["person:A", "vehicle:V1", "person:K", "location:LOC1", "person:D"],
    ]
    for path in result["paths"]:
        for hop in path["hops"]:
            assert all(e["grade"] in filters.grades for e in hop["evidence"])
    stronger = Filters.of(lowest_grade="1B")
    result = k_shortest_paths(graph, Entity("person", "A"), Entity("person", "D"), k=3, filters=stronger)
    assert result["paths"] == []  # B-D is 2B, C-D's way in is 3D, K travelled in V1 on 2C


def test_kinds_of_link_can_be_left_out(graph):
    filters = Filters.of(relations=["uses_vehicle", "travelled_in", "found_with", "found_at", "sighted_at",
                                    "seen_together"])
    result = k_shortest_paths(graph, Entity("person", "A"), Entity("person", "E"), k=3, filters=filters)
    assert sorted(people(p) for p in result["paths"]) == [
        ["person:A", "vehicle:V1", "person:K", "location:LOC1", "person:E"],
        ["person:A", "vehicle:V1", "person:K", "person:D", "person:E"],
    ]  # without associates_with, A-B-D-E and A-C-D-E are gone
    assert k_shortest_paths(graph, Entity("person", "A"), Entity("person", "E"), filters=filters,
                            max_hops=3)["paths"] == []


def test_no_path_and_unknown_filters(graph):
    assert k_shortest_paths(graph, Entity("person", "B"), Entity("person", "B"))["paths"] == []
    with pytest.raises(ValueError, match="never counts"):
        Filters.of(lowest_grade="1E")
    with pytest.raises(ValueError, match="no such kind of link"):
        Filters.of(relations=["phoned"])
    assert find(graph, "v1") == [Entity("vehicle", "V1")]
    assert find(graph, "LOC1") == [Entity("location", "LOC1")]
    assert find(graph, "nobody") == []


def test_the_command_prints_paths_as_json_and_is_audited(graph, cli, settings):
    answer = cli("paths", "A", "vehicle:v1", "--k", "2", "--json")
    assert answer.returncode == 0, answer.stderr
    result = json.loads(answer.stdout)
    assert [[hop["from"], hop["to"], hop["relation"]] for hop in result["paths"][0]["hops"]] == [
        ["person:A", "vehicle:V1", "uses_vehicle"]]
    assert result["paths"][0]["hops"][0]["evidence"][0]["id"] == "L6"
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "paths.view" and "A" in entry.ids and "source=person:A" in entry.detail

    text = cli("paths", "A", "D", "--lowest-grade", "2C")
    assert text.returncode == 0, text.stderr
    assert "Path 1: 2 hops" in text.stdout and workspace_graph.HOSTILE in text.stdout
    assert "handling code C: " + workspace_graph.CONDITIONS in text.stdout

    unknown = cli("paths", "A", "nobody")
    assert unknown.returncode == 1 and "no person, vehicle or place" in unknown.stderr
    weak = cli("paths", "A", "D", "--lowest-grade", "3E")
    assert weak.returncode == 2 and "never counts" in weak.stderr
