"""`/healthz` tells a load balancer whether the service and Neo4j answer, and nothing else."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

from graph_service import settings as service_settings
from graph_service.db.runtime import free_port
from graph_service.web import create_app


def test_healthz_with_neo4j_up(neo4j_server, settings):
    response = create_app(settings).test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"service": "ok", "version": response.get_json()["version"],
                                   "neo4j": {"reachable": True}}


def test_healthz_with_neo4j_down_answers_503():
    closed_port = free_port()  # nothing listens there
    down = service_settings.load({"NEO4J_URI": f"bolt://127.0.0.1:{closed_port}", "NEO4J_PASSWORD": "x"})
    response = create_app(down).test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["neo4j"] == {"reachable": False}
    assert response.get_json()["service"] == "ok"


def test_serve_runs_under_gunicorn_and_logs_routes_not_paths(neo4j_server, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "graph_service.cli", "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz?probe=secret-text") as response:
            assert response.status == 200
            assert response.headers["Server"] == "gunicorn"  # not Werkzeug's dev server
        time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert re.search(r"GET /healthz 200 \d+ms", text), text
    assert "secret-text" not in text
    assert "WARNING: This is a development server" not in text
