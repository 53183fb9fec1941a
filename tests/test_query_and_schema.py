"""`graph-service query` and `graph-service db init`, as analysts use them."""

import json

import pytest
from neo4j.exceptions import ConstraintError


def test_db_init_twice_leaves_one_set_of_constraints(db, cli):
    first = cli("db", "init")
    second = cli("db", "init")
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    names = [row["name"] for row in db.read("db/schema_objects")]
    assert len(names) == len(set(names))
    assert {"person_id", "vehicle_vrm", "location_id", "intel_id", "location_point"} <= set(names)


def test_unique_keys_are_enforced(db):
    db.write_text("CREATE (:Person {person_id: 'P1'})")
    with pytest.raises(ConstraintError, match="already exists"):
        db.write_text("CREATE (:Person {person_id: 'P1'})")


def test_query_is_read_only_unless_write_is_given(db, cli):
    refused = cli("query", "CREATE (:Probe {n: 1}) RETURN 1 AS one")
    assert refused.returncode != 0
    assert "add --write" in refused.stderr
    assert db.read_text("MATCH (n:Probe) RETURN count(n) AS n") == [{"n": 0}]

    written = cli("query", "--write", "--json", "CREATE (p:Probe {n: 1}) RETURN p.n AS n")
    assert written.returncode == 0, written.stderr
    assert json.loads(written.stdout) == [{"n": 1}]
    assert db.read_text("MATCH (n:Probe) RETURN count(n) AS n") == [{"n": 1}]


def test_query_params_are_json_when_they_can_be(db, cli):
    done = cli(
        "query", "--json", "--param", "age=17", "--param", "name=Ash Lane", "--param", "ids=[1, 2]",
        "RETURN $age + 1 AS next_age, $name AS name, size($ids) AS count",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"next_age": 18, "name": "Ash Lane", "count": 2}]


def test_query_by_name_runs_a_statement_from_the_cypher_folder(db, cli):
    done = cli("query", "--json", "--name", "server/version")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["edition"] == "community"


def test_query_prints_a_table_by_default(db, cli):
    done = cli("query", "UNWIND [1, 2] AS n RETURN n, 'x' AS letter")
    assert done.returncode == 0, done.stderr
    assert "| n | letter |" in done.stdout and "2 rows" in done.stdout


def test_query_errors_are_reported_not_raised(db, cli):
    done = cli("query", "RETURN nonsense(")
    assert done.returncode == 1
    assert "SyntaxError" in done.stderr and "Traceback" not in done.stderr
    unknown = cli("query", "--name", "no/such")
    assert unknown.returncode == 2 and "no Cypher statement named 'no/such'" in unknown.stderr
