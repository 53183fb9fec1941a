"""`graph-service demo` (run by `make run`): realistic data once, users once."""

import json

from graph_service.analysis.networks import list_networks


def test_demo_loads_the_scenario_once_and_creates_users_once(db, neo4j_server, tmp_path, cli):
    env = {"GRAPH_SERVICE_HOME": str(tmp_path), "NEO4J_URI": neo4j_server.uri,
           "NEO4J_PASSWORD": neo4j_server.password}
    first = cli("demo", "--size", "small", env=env)
    assert first.returncode == 0, first.stderr
    people = db.read("demo/people_stored")[0]["people"]
    truth = json.loads(next((tmp_path / "demo").glob("small-seed-7/ground_truth.json")).read_text())
    planted = {p for network in truth["networks"] for p in network["members"]}
    stored = {row["person_id"] for row in db.read_text("MATCH (p:Person) RETURN p.person_id AS person_id")}
    assert planted <= stored and people == len(stored)
    assert len(list_networks(db)) >= len(truth["networks"]) // 2
    assert "demo-analyst" in first.stdout and "shown only now" in first.stdout

    second = cli("demo", "--size", "small", env=env)
    assert second.returncode == 0, second.stderr
    assert "not loading the scenario again" in second.stdout
    assert "Users exist already" in second.stdout and "shown only now" not in second.stdout
    assert db.read("demo/people_stored")[0]["people"] == people
