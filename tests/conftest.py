"""Shared fixtures.

Integration tests run against a real Neo4j server, the managed one, started once per test
session in a temporary state folder (never the user's ``.local/``) and emptied between
tests. If it cannot start, every test that needs it errors loudly: nothing is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from ingest import testbed

# CI runs the property and schema tests on hypothesis' fixed seed, so that a submission's
# result does not depend on the draw; a developer's runs keep drawing new examples, and what
# they find becomes a named test.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

# Before anything reads the settings: the whole test session lives in its own state folder
# and never talks to a server named by the developer's environment.
_TEST_HOME = testbed.fresh_home("graph-service-test-")
os.environ.setdefault("NEO4J_HEAP", "1g")
os.environ.setdefault("NEO4J_PAGECACHE", "512m")
os.environ["GRAPH_SERVICE_TILES"] = "none"  # tests run offline

from graph_service import settings as service_settings  # noqa: E402
from graph_service.db import connect  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


#: Test files whose every test runs the managed Neo4j runtime itself, through the command line
#: or the runtime class, with or without the session's server: starting, refusing to start.
_RUNTIME_FILES = {"test_neo4j_runtime.py"}


def pytest_collection_modifyitems(config, items):
    """Mark every test by what it needs, so ``-m "not neo4j and not browser"`` is the unit
    subset: a test whose fixtures reach the session's server (directly, or through ``db`` or
    any fixture built on them) needs Neo4j; one that uses ``browser`` needs Chromium. A
    marker written by hand stays; this only adds the ones a file forgot."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "neo4j_server" in fixtures or item.path.name in _RUNTIME_FILES:
            item.add_marker(pytest.mark.neo4j)
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def settings():
    return service_settings.load()


@pytest.fixture(scope="session")
def neo4j_server(settings):
    """The managed Neo4j of the test session's state folder, started once."""
    server = testbed.start_server(settings)
    yield server
    server.stop()
    shutil.rmtree(_TEST_HOME, ignore_errors=True)


@pytest.fixture
def db(neo4j_server, settings):
    """A :class:`~graph_service.db.Database` on an empty graph (schema kept)."""
    with connect(settings) as database:
        database.apply("db/wipe")
        yield database


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium (never a downloaded browser), with the flags a closed
    network needs: no background connections at all."""
    from playwright.sync_api import sync_playwright

    from graph_service.reports.pdf import CLOSED_NETWORK_FLAGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=list(CLOSED_NETWORK_FLAGS),
        )
        yield launched
        launched.close()


def run_cli_process(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 600):
    """Run ``graph-service ARGS`` as a user would, in a fresh process: for what only a process
    shows (a server started and stopped, a lock held by another process, the exit of Python)."""
    return subprocess.run(
        [sys.executable, "-m", "graph_service.cli", *args],
        capture_output=True, text=True, input=input, timeout=timeout, env={**os.environ, **(env or {})},
    )


@dataclass
class CliResult:
    """What a test reads of a finished command: the fields of ``subprocess.CompletedProcess``."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 600) -> CliResult:
    """Run ``graph-service ARGS`` in this process with click's runner: the same command, options,
    environment, input, output and exit status as in a fresh process, without importing the
    geospatial and database stack again for every call (it made the unit subset take minutes).
    ``timeout`` is accepted for the same calls as :func:`run_cli_process` and not enforced."""
    from click.testing import CliRunner

    from graph_service.cli import main

    result = CliRunner().invoke(main, list(args), input=input, env=env, prog_name="graph-service")
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # What Python prints when a command fails unexpectedly, so the test's message shows it.
        stderr += "".join(traceback.format_exception(result.exception))
    return CliResult(["graph-service", *args], result.exit_code, result.stdout, stderr)


@pytest.fixture
def cli():
    """``graph-service`` run in the test's process (see :func:`run_cli`)."""
    return run_cli


@pytest.fixture
def cli_process():
    """``graph-service`` run in a fresh process (see :func:`run_cli_process`)."""
    return run_cli_process
