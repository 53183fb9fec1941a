"""An ingest killed half way is cleaned up when the server or the dashboard next starts, not
only by the next ingest: the store is as it was before the killed ingest began."""

from __future__ import annotations

import re

from ingest_files import snapshot
from test_ingest_cli import ingest_killed_at, staged_nodes
from test_serve_processes import dashboard

STAGING = rb"writing:\s+\d+%\|[^|]*\| [1-9]\d*/"  # the progress bar shows batches written
CLEANED = re.compile(r"removed what 1 unfinished ingest \(([0-9a-f]{32}) begun [^)]+\) had staged: "
                     r"(\d+) nodes never published; the store is as it was before")


def unfinished_ingests(db) -> list[str]:
    return [row["ingest_id"] for row in db.read("db/unfinished_ingests")]


def test_a_server_restarted_after_an_ingest_was_killed_while_publishing_removes_what_it_left(db, cli, tmp_path):
    before = ingest_killed_at(db, tmp_path, rb"publishing")
    killed = unfinished_ingests(db)
    assert len(killed) == 1 and staged_nodes(db) == 150_000
    # The machine goes down with it, say: the server is stopped and started again.
    assert cli("neo4j", "stop").returncode == 0
    started = cli("neo4j", "start")
    assert started.returncode == 0, started.stderr
    said = CLEANED.search(started.stdout)
    assert said, started.stdout
    assert said.group(1) == killed[0] and int(said.group(2)) == 150_000
    assert snapshot(db) == before  # nothing staged, no ingest ID, no lock node: as before
    assert cli("neo4j", "start").stdout.count("Unfinished ingest") == 0  # and once only


def test_the_dashboard_started_after_an_ingest_was_killed_while_staging_removes_what_it_left(db, tmp_path):
    before = ingest_killed_at(db, tmp_path, STAGING)
    killed = unfinished_ingests(db)
    assert len(killed) == 1 and staged_nodes(db) > 0
    with dashboard(tmp_path / "serve.log", workers=1):
        said = CLEANED.search((tmp_path / "serve.log").read_text())
        assert said and said.group(1) == killed[0], (tmp_path / "serve.log").read_text()
        assert snapshot(db) == before


def test_a_start_leaves_what_a_running_ingest_has_staged(db, cli):
    """While an ingest holds the lock, what is staged may be its own: a start must not take it."""
    with db.lock("ingest"):
        db.write_text("CREATE (:Ingest {ingest_id: 'running', started_at: datetime()}), "
                      "(:Staged {staged_as: 'Person', person_id: 'X1'})")
        started = cli("neo4j", "start")
        assert started.returncode == 0, started.stderr
        assert "An ingest is running: what it has staged is left to it." in started.stdout
        assert staged_nodes(db) == 1 and unfinished_ingests(db) == ["running"]
    # Once it has ended (here without cleaning up after itself), the next start removes it.
    started = cli("neo4j", "start")
    assert "removed what 1 unfinished ingest (running begun" in started.stdout
    assert staged_nodes(db) == 0 and unfinished_ingests(db) == []
