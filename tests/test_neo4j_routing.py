"""The service through a ``neo4j://`` routing URI, as it would reach a Neo4j cluster or Aura:
the driver asks the server for its routing table and sends read transactions to the readers
(a cluster's followers) and writes to the leader. Tested against the routing URI of the
session's managed server, which answers as a one-server cluster: itself in every role."""

from __future__ import annotations

import dataclasses
import json

import workspace_graph

from graph_service.analysis.evidence_graph import Entity, describe
from graph_service.db import connect


def _routing_environment(neo4j_server) -> dict[str, str]:
    return {"NEO4J_URI": f"neo4j://127.0.0.1:{neo4j_server.port}", "NEO4J_USER": "neo4j",
            "NEO4J_PASSWORD": neo4j_server.password}


def test_reads_and_writes_go_through_the_routing_uri(neo4j_server, settings, tmp_path):
    env = _routing_environment(neo4j_server)
    routed = dataclasses.replace(settings, neo4j_uri=env["NEO4J_URI"], neo4j_password=env["NEO4J_PASSWORD"])
    with connect(routed) as db:
        assert type(db.driver).__name__ == "Neo4jDriver"  # the routing driver, not a direct Bolt one
        db.apply("db/wipe")
        workspace_graph.load(db, tmp_path)  # the intake's writes, through the leader
        found = describe(db, [Entity("person", "B")])  # a read transaction, through a reader
    assert found[Entity("person", "B")]["label"] == "Ben Bell"


def test_the_status_command_names_where_reads_and_writes_go(neo4j_server, cli):
    env = _routing_environment(neo4j_server)
    answer = cli("neo4j", "status", "--json", env=env)
    assert answer.returncode == 0, answer.stderr
    status = json.loads(answer.stdout)
    address = f"127.0.0.1:{neo4j_server.port}"
    assert status["running"] and not status["managed"]
    assert {role: address in addresses for role, addresses in status["routing"].items()} == {
        "READ": True, "WRITE": True, "ROUTE": True}
    text = cli("neo4j", "status", env=env).stdout
    assert f"reads go to {address}" in text and f"writes to {address}" in text


def test_a_direct_bolt_uri_has_no_routing_table_to_show(neo4j_server, cli):
    env = {**_routing_environment(neo4j_server), "NEO4J_URI": f"bolt://127.0.0.1:{neo4j_server.port}"}
    status = json.loads(cli("neo4j", "status", "--json", env=env).stdout)
    assert status["running"] and status["routing"] is None
