"""The managed Neo4j server: start, stop, status, persistence and the errors users meet."""

from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest

from graph_service.db import ManagedNeo4j, RuntimeProblem, connect
from graph_service.settings import NEO4J_VERSION


@pytest.fixture
def cli(cli_process):
    """These tests start and stop servers and check what processes are left: each command runs
    in a process of its own, as a user's would."""
    return cli_process


def _jvm_pids(server: ManagedNeo4j) -> list[int]:
    """Every live JVM running this state folder's server (found in /proc, not our pid file)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if "CommunityEntryPoint" in cmdline and str(server.root) in cmdline and state != "Z":
            found.append(int(proc.name))
    return found


def test_status_json_reports_the_servers_own_version(neo4j_server, cli):
    done = cli("neo4j", "status", "--json")
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["running"] is True
    assert status["uri"] == neo4j_server.uri and status["uri"].startswith("bolt://127.0.0.1:")
    assert status["version"] == NEO4J_VERSION


def test_it_listens_on_loopback_only_with_a_private_password(neo4j_server):
    conf = (neo4j_server.conf / "neo4j.conf").read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{neo4j_server.port}" in conf
    assert "server.http.enabled=false" in conf
    assert stat.S_IMODE(neo4j_server.password_file.stat().st_mode) == 0o600


def test_start_when_running_changes_nothing(neo4j_server, cli):
    before = _jvm_pids(neo4j_server)
    done = cli("neo4j", "start")
    assert done.returncode == 0, done.stderr
    assert _jvm_pids(neo4j_server) == before and len(before) == 1


def test_data_persists_across_a_clean_restart_and_no_jvm_is_left(neo4j_server, settings, cli):
    with connect(settings) as db:
        db.apply("db/wipe")
        db.write_text("CREATE (:RestartProbe {value: $value})", {"value": "kept"})

    stopped = cli("neo4j", "stop")
    assert stopped.returncode == 0, stopped.stderr
    assert _jvm_pids(neo4j_server) == []
    status = json.loads(cli("neo4j", "status", "--json").stdout)
    assert status["running"] is False

    started = cli("neo4j", "start")
    assert started.returncode == 0, started.stderr
    with connect(settings) as db:
        rows = db.read_text("MATCH (n:RestartProbe) RETURN n.value AS value")
        db.apply("db/wipe")
    assert rows == [{"value": "kept"}]


def test_a_configured_port_in_use_is_refused_with_a_hint(tmp_path, cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = cli("neo4j", "start", env={"GRAPH_SERVICE_HOME": str(tmp_path), "NEO4J_BOLT_PORT": str(port)})
    assert done.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert "hint:" in done.stderr


def test_a_store_locked_by_another_process_is_refused(neo4j_server):
    # The running server holds its store; with its pid file gone, a second start must not
    # try to open the same store but say who holds it.
    saved = neo4j_server.pid_file.read_text()
    neo4j_server.pid_file.unlink()
    try:
        with pytest.raises(RuntimeProblem, match="locked by another process") as raised:
            neo4j_server.start()
        assert "stop it first" in raised.value.hint
    finally:
        neo4j_server.pid_file.write_text(saved)
    assert neo4j_server.status().running


def _fake_java(folder: Path, version_line: str) -> Path:
    folder.mkdir()
    java = folder / "java"
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
    java.chmod(0o755)
    return folder


def test_java_too_old_is_refused_with_a_hint(tmp_path, cli):
    bin_dir = _fake_java(tmp_path / "bin", 'openjdk version "11.0.21" 2023-10-17')
    env = {"GRAPH_SERVICE_HOME": str(tmp_path / "home"), "PATH": f"{bin_dir}:{os.environ['PATH']}", "JAVA_HOME": ""}
    done = cli("neo4j", "start", env=env)
    assert done.returncode != 0
    assert "Java 11" in done.stderr and "too old" in done.stderr
    assert "hint: install Java 17" in done.stderr


def test_java_missing_is_refused_with_a_hint(tmp_path, cli):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    env = {"GRAPH_SERVICE_HOME": str(tmp_path / "home"), "PATH": str(empty), "JAVA_HOME": ""}
    done = cli("neo4j", "start", env=env)
    assert done.returncode != 0, done.stdout
    assert "Java is not installed" in done.stderr
    assert "hint: install a Java 17 runtime" in done.stderr


def test_a_server_that_fails_to_start_shows_the_tail_of_its_log(neo4j_server, settings, cli):
    assert cli("neo4j", "stop").returncode == 0
    try:
        done = cli("neo4j", "start", env={"NEO4J_PAGECACHE": "lots"})
        assert done.returncode != 0
        assert "Neo4j failed to start" in done.stderr
        assert "server.memory.pagecache.size" in done.stderr  # the log's own words, shown to the user
        assert "hint: read the full logs" in done.stderr
        assert _jvm_pids(neo4j_server) == []
    finally:
        assert cli("neo4j", "start").returncode == 0


def test_status_of_a_home_never_started(tmp_path, cli):
    done = cli("neo4j", "status", "--json", env={"GRAPH_SERVICE_HOME": str(tmp_path)})
    assert done.returncode == 0
    status = json.loads(done.stdout)
    assert status["running"] is False and status["version"] is None


def test_external_server_is_not_managed(cli):
    env = {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"}
    assert "nothing to start" in cli("neo4j", "start", env=env).stdout
    status = json.loads(cli("neo4j", "status", "--json", env=env).stdout)
    assert status == {**status, "running": False, "managed": False, "uri": "bolt://127.0.0.1:9"}
