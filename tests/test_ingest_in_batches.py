"""An ingest with more new records than one transaction holds: published in batches behind a
guard that refuses every read until the last batch (docs/scaling.md, "A publish in batches").

``publish_batch`` is set small here so that a few hundred records take the path a regional
ingest of millions takes; the kill test runs the command line with ``GRAPH_SERVICE_PUBLISH_BATCH``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_files import BASE, content, snapshot, write_jsonl
from neo4j.exceptions import Neo4jError
from test_ingest_property import valid_batches
from test_web_fixtures import app, clients, web_users  # noqa: F401  (fixtures)

from graph_service.db import StoreBeingPublished
from ingest import ingest_paths, staging

MORE = [
    *({"type": "person", "person_id": f"N{n}", "surname": "New"} for n in range(40)),
    *({"type": "link", "link_id": f"KN{n}", "subject_type": "person", "subject_id": f"N{n}",
       "relation": "associates_with", "object_type": "person", "object_id": "P1"} for n in range(0, 40, 4)),
    {"type": "person", "person_id": "P2", "forename": "Daniel"},  # an update of a stored record
]


def stored(db) -> tuple[list, list]:
    """The store's content but the alerts, which are raised after the ingest (with their own
    random IDs and times), not by its publish."""
    nodes, relationships = content(db)
    return ([n for n in nodes if not n.startswith("(['Alert']")],
            [r for r in relationships if "['Alert']" not in r])


def load(db, folder: Path, records: list[dict], publish_batch: int):
    folder.mkdir(exist_ok=True)
    write_jsonl(folder / "base.jsonl", BASE)
    ingest_paths(db, [folder / "base.jsonl"])
    write_jsonl(folder / "more.jsonl", records)
    return ingest_paths(db, [folder / "more.jsonl"], publish_batch=publish_batch)


def test_an_ingest_published_in_batches_stores_what_one_transaction_stores(db, tmp_path):
    report = load(db, tmp_path / "one", MORE, publish_batch=1_000_000)
    in_one = stored(db)
    db.apply("db/wipe")
    in_batches = load(db, tmp_path / "batches", MORE, publish_batch=7)
    assert stored(db) == in_one
    assert in_batches.created == report.created and in_batches.updated == report.updated
    assert db.publishing() is None
    # The guard is lowered: readers are served, and see every new person with the link's tie.
    assert db.read_text("MATCH (:Person {surname: 'New'})-[r:ASSOCIATES_WITH]->(:Person {person_id: 'P1'}) "
                        "RETURN count(r) AS n") == [{"n": 10}]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=valid_batches(), publish_batch=st.integers(1, 4))
def test_any_valid_batch_published_in_batches_stores_what_one_transaction_stores(db, tmp_path_factory, batch,
                                                                                 publish_batch):
    folder = tmp_path_factory.mktemp("batch")
    db.apply("db/wipe")
    load(db, folder / "one", batch, publish_batch=1_000_000)
    in_one = stored(db)
    db.apply("db/wipe")
    load(db, folder / "batches", batch, publish_batch=publish_batch)
    assert stored(db) == in_one


def raise_guard(db, ingest_id: str = "ingest-under-way") -> None:
    db.write("ingest/begin_publishing", ingest_id=ingest_id)


def test_reads_are_refused_while_an_ingest_is_published_in_batches(db, tmp_path, cli):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    ingest_paths(db, [tmp_path / "base.jsonl"])
    raise_guard(db)
    with pytest.raises(StoreBeingPublished) as refused:
        db.read_text("MATCH (p:Person) RETURN count(p) AS n")
    assert refused.value.ingest_id == "ingest-under-way"
    done = cli("query", "MATCH (p:Person) RETURN p.forename AS name")
    assert done.returncode == 1 and "Amy" not in done.stdout
    assert "error: an ingest is being published" in done.stderr and "in a minute or two" in done.stderr
    db.write("ingest/end_publishing")
    assert db.read_text("MATCH (p:Person) RETURN count(p) AS n") == [{"n": 3}]


def test_a_store_that_never_published_in_batches_is_read_without_warnings(db, cli):
    assert db.read_housekeeping("db/publish_state") == [{"generation": 0, "publishing": None}]
    done = cli("query", "MATCH (p:Person) RETURN count(p) AS n")
    assert done.returncode == 0 and done.stderr == ""


def test_a_read_that_overlapped_a_publish_is_run_again(db, tmp_path):
    """A read that began before the guard went up and ended after a batch committed saw part of
    an ingest: the generation differs at its two ends, and it is run again."""
    write_jsonl(tmp_path / "base.jsonl", BASE)
    ingest_paths(db, [tmp_path / "base.jsonl"])
    runs = []

    def during_the_read(tx):
        runs.append(1)
        if len(runs) == 1:  # as if a publish began and ended while this read ran
            db.write("ingest/begin_publishing", ingest_id="overlapping")
            db.write("ingest/end_publishing")
        return [record.data() for record in tx.run("MATCH (p:Person) RETURN count(p) AS n")]

    assert db._read(during_the_read) == [{"n": 3}]
    assert len(runs) == 2


def test_the_dashboard_answers_503_while_an_ingest_is_published_in_batches(db, tmp_path, clients):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    ingest_paths(db, [tmp_path / "base.jsonl"])
    analyst = clients["analyst"]
    raise_guard(db)
    page = analyst.get("/people/P1")
    assert page.status_code == 503 and page.headers["Retry-After"] == "60"
    assert b"being loaded just now" in page.data and b"Ames" not in page.data
    assert b'<meta http-equiv="refresh" content="60">' in page.data  # a page left open comes back by itself
    api = analyst.get("/api/v1/people/P1")
    assert api.status_code == 503 and api.get_json()["message"].startswith("New intelligence is being loaded")
    db.write("ingest/end_publishing")
    assert analyst.get("/people/P1").status_code == 200


def test_a_batch_refused_removes_everything_the_ingest_staged_and_lowers_the_guard(db, tmp_path, monkeypatch):
    """A key stored by another command after the ingest checked it makes its batch fail: the
    batches before it had published; all of it is removed, and readers served again."""
    write_jsonl(tmp_path / "base.jsonl", BASE)
    ingest_paths(db, [tmp_path / "base.jsonl"])
    write_jsonl(tmp_path / "more.jsonl", MORE)
    label_in_batches = staging.label_in_batches

    def after_another_command(db_, ingest_id, batch):
        db_.write_text("CREATE (:Person {person_id: 'N39', surname: 'Meanwhile'})")
        return label_in_batches(db_, ingest_id, batch)

    monkeypatch.setattr(staging, "label_in_batches", after_another_command)
    with pytest.raises(Neo4jError, match="already exists"):
        ingest_paths(db, [tmp_path / "more.jsonl"], publish_batch=5)
    assert db.publishing() is None
    # Everything but the other command's person is as it was; the new people published by
    # the batches before the refused one are gone.
    assert db.read_text("MATCH (p:Person) RETURN p.person_id AS id ORDER BY id") == [
        {"id": "N39"}, {"id": "P1"}, {"id": "P2"}, {"id": "P3"}]
    assert db.read_text("MATCH (p:Person {person_id: 'P2'}) RETURN p.forename AS name") == [{"name": "Dan"}]
    assert db.read_text("MATCH (n:Staged) RETURN count(n) AS n") == [{"n": 0}]


def test_an_ingest_killed_while_publishing_in_batches_is_removed_and_readers_served_again(db, tmp_path, cli):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    ingest_paths(db, [tmp_path / "base.jsonl"])
    before = snapshot(db)
    big = tmp_path / "big.jsonl"
    write_jsonl(big, [{"type": "person", "person_id": f"X{n}", "surname": "Many"} for n in range(150_000)])
    process = subprocess.Popen([sys.executable, "-m", "graph_service.cli", "ingest", str(big)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "GRAPH_SERVICE_PUBLISH_BATCH": "100"})
    os.set_blocking(process.stderr.fileno(), False)
    seen, deadline = b"", time.monotonic() + 600
    while not (re.search(rb"publishing in batches", seen) and _published_some(db)):
        assert process.poll() is None, f"ingest ended before it could be killed: {seen.decode()[-500:]}"
        assert time.monotonic() < deadline, "the ingest never published a batch"
        seen += process.stderr.read() or b""
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Some batches published: readers would see part of the ingest, so they are refused.
    assert db.publishing() is not None
    with pytest.raises(StoreBeingPublished):
        db.read_text("MATCH (p:Person) RETURN count(p) AS n")
    # The next start (a new process, whose first write checks the schema while reads are
    # refused) removes it all and serves readers again.
    started = cli("neo4j", "start")
    assert started.returncode == 0, started.stderr
    assert "removed what 1 unfinished ingest" in started.stdout and "150000 nodes never published" in started.stdout
    assert db.publishing() is None
    assert snapshot(db) == before


def _published_some(db) -> bool:
    rows = db.read_housekeeping("db/publish_state")
    if rows[0]["publishing"] is None:
        return False
    with db.session() as session:  # past the guard, as only a test may: has a batch committed?
        return session.run("MATCH (p:Person:Staged) RETURN count(p) > 0 AS some").single()["some"]
