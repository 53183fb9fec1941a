"""Writing into a store without its schema, and two ingests at once, against the real Neo4j.

A store where ``db init`` has not run gets the schema applied by the first write (an ingest
ran for over 11 minutes without its constraints, and duplicated nodes when two ran at once);
two ingests at once run one after the other and create no duplicates.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
import threading
import time

import pytest
from ingest_files import BASE, write_jsonl

from graph_service.db import RuntimeProblem, connect, cypher
from graph_service.db.schema import expected_names, missing
from ingest import ingest_paths


@pytest.fixture
def without_schema(db):
    """The empty store with every constraint and index of the schema dropped (put back after)."""
    db.apply("db/drop_schema")
    assert missing(db) == sorted(expected_names())
    yield db
    db.apply("schema")


def test_the_test_drops_everything_the_schema_creates():
    dropped = set(re.findall(r"DROP (?:CONSTRAINT|INDEX) (\w+) IF EXISTS", "\n".join(cypher.statements("db/drop_schema"))))
    assert dropped == expected_names() and "person_id" in dropped and "location_point" in dropped


def test_an_ingest_into_a_store_without_the_schema_puts_it_in_place(without_schema, tmp_path, caplog):
    db = without_schema
    write_jsonl(tmp_path / "base.jsonl", BASE)
    with caplog.at_level(logging.WARNING, logger="graph_service.db"):
        report = ingest_paths(db, [tmp_path])
    assert report.created["person"] == 3
    assert missing(db) == []
    assert "applied cypher/schema.cypher, as `graph-service db init` does" in caplog.text


def test_the_ingest_command_says_it_applied_the_schema(without_schema, cli_process, tmp_path):
    # A process of its own: the message is a logging warning, which reaches the terminal through
    # Python's last-resort handler, and inside pytest the logging plugin takes it instead.
    write_jsonl(tmp_path / "base.jsonl", BASE)
    done = cli_process("ingest", str(tmp_path))
    assert done.returncode == 0, done.stderr
    lacked = len(expected_names())
    assert f"the database lacked {lacked} of the schema's constraints and indexes" in done.stderr
    assert missing(without_schema) == []


def _in_a_transaction(db):
    with db.transaction() as tx:
        tx.run("server/ping")


@pytest.mark.parametrize("write", [
    lambda db: db.write("networks/delete_ties", ties=[]),
    lambda db: db.write_text("RETURN 1 AS one"),
    _in_a_transaction,
])
def test_every_way_of_writing_puts_the_schema_in_place_first(without_schema, settings, write):
    with connect(settings) as fresh:
        write(fresh)
    assert missing(without_schema) == []


def test_the_schema_is_checked_once_per_connection_not_before_every_write(without_schema, settings):
    with connect(settings) as fresh:
        fresh.write("networks/delete_ties", ties=[])
        fresh.apply("db/drop_schema")
        fresh.write("networks/delete_ties", ties=[])
        assert missing(fresh) == sorted(expected_names())


def test_a_second_ingest_waits_until_the_first_has_committed(db, settings, tmp_path, caplog):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    release, done = threading.Event(), threading.Event()

    def first():
        with connect(settings) as other, other.transaction(lock="ingest") as tx:
            tx.run("ingest/merge_person", rows=[{"person_id": "P1", "props": {"surname": "First"}}])
            release.wait(60)

    holder = threading.Thread(target=first)
    holder.start()
    time.sleep(1)
    reports = []
    second = threading.Thread(target=lambda: (reports.append(ingest_paths(db, [tmp_path])), done.set()))
    with caplog.at_level(logging.WARNING, logger="graph_service.db"):
        second.start()
        assert not done.wait(4), "the second ingest did not wait for the first"
        assert "waiting for the ingest write lock: another ingest may be writing to this database" in caplog.text
        release.set()
        holder.join(60)
        second.join(60)
    # The second ingest saw what the first committed: P1 was stored, so it updated it.
    assert reports[0].created["person"] == 2 and reports[0].updated["person"] == 1
    assert db.read_text("MATCH (p:Person) RETURN count(p) AS n") == [{"n": 3}]
    assert db.read_text("MATCH (l:WriteLock) RETURN count(l) AS n") == [{"n": 0}]


def _overlapping(path, first: int, last: int):
    """People first..last-1 and a link from each to the next: two files overlap in the middle."""
    records = [{"type": "person", "person_id": f"C{n}", "surname": "Same"} for n in range(first, last)]
    records += [{"type": "link", "link_id": f"K{n}", "subject_type": "person", "subject_id": f"C{n}",
                 "relation": "associates_with", "object_type": "person", "object_id": f"C{n + 1}"}
                for n in range(first, last - 1)]
    records += [{"type": "vehicle", "vrm": f"CV{n % 50}"} for n in range(first, last)]
    return write_jsonl(path, list({json.dumps(r): r for r in records}.values()))


def test_two_concurrent_ingests_create_no_duplicates(without_schema, tmp_path):
    db = without_schema
    one, two = _overlapping(tmp_path / "one.jsonl", 0, 3000), _overlapping(tmp_path / "two.jsonl", 1000, 4000)
    ingests = [subprocess.Popen([sys.executable, "-m", "graph_service.cli", "ingest", "--json", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for path in (one, two)]
    outcomes = [ingest.communicate(timeout=600) for ingest in ingests]
    assert [ingest.returncode for ingest in ingests] == [0, 0], [err[-2000:] for _, err in outcomes]
    people = db.read_text("MATCH (p:Person) RETURN count(p) AS nodes, count(DISTINCT p.person_id) AS ids")
    assert people == [{"nodes": 4000, "ids": 4000}]
    assert db.read_text("MATCH (v:Vehicle) RETURN count(v) AS n") == [{"n": 50}]
    assert db.read_text("MATCH (l:Link) RETURN count(l) AS nodes, count(DISTINCT l.link_id) AS ids") == \
        [{"nodes": 3999, "ids": 3999}]
    ties = db.read_text("MATCH (a:Person)-[r:ASSOCIATES_WITH]->(b:Person) "
                        "RETURN count(r) AS ties, count(DISTINCT [a.person_id, b.person_id]) AS pairs")
    assert ties == [{"ties": 3999, "pairs": 3999}]
    # Between them the two ingests created each person once: one created what the other updated.
    created = [json.loads(out)["types"]["person"]["created"] for out, _ in outcomes]
    assert sum(created) == 4000
    assert missing(db) == []


def test_a_store_whose_duplicates_block_a_constraint_is_refused_clearly(without_schema, tmp_path):
    db = without_schema
    # Two nodes with one key, as an ingest without the constraints could leave them; through the
    # driver, since every write of the service's own puts the schema in place first.
    db.apply("db/wipe")
    db.driver.execute_query("CREATE (:Person {person_id: 'P1'}), (:Person {person_id: 'P1'})")
    write_jsonl(tmp_path / "base.jsonl", BASE)
    with pytest.raises(RuntimeProblem) as caught:
        ingest_paths(db, [tmp_path])
    assert "a uniqueness constraint could not be created over the data already stored" in str(caught.value)
    assert "keep one of each, then run `graph-service db init`; nothing was written" in caught.value.hint
    assert db.read_text("MATCH (p:Person) RETURN count(p) AS n") == [{"n": 2}]
    db.apply("db/wipe")
