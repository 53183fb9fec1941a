"""``graph-service serve`` from several processes: one login and one count of failed logins
whichever process answers (real processes, real HTTP, the session's Neo4j)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from test_web_fixtures import BY_ROLE, PASSWORD, web_users  # noqa: F401  (a fixture)

from graph_service.db.runtime import free_port
from graph_service.security.login_limits import SQLiteStorage, storage_uri

#: A worker's request log line: ``[pid] graph_service.requests METHOD ROUTE STATUS``.
REQUEST_LINE = re.compile(r"\[(\d+)\] graph_service\.requests (GET|POST) (\S+) (\d{3}) ")


@contextmanager
def dashboard(log: Path, workers: int, home: Path | None = None):
    """``graph-service serve --workers N`` on a free port until the block ends: its address
    and process (with ``home`` as the user's home folder when given)."""
    port = free_port()
    env = os.environ.copy()
    if home is not None:
        env["HOME"] = str(home)
        env.pop("XDG_RUNTIME_DIR", None)
    with open(log, "w") as out:
        server = subprocess.Popen([sys.executable, "-m", "graph_service.cli", "serve", "--port", str(port),
                                   "--workers", str(workers), "--threads", "2"],
                                  stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/login", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=60)


def form_token(session: requests.Session, base: str) -> str:
    page = session.get(f"{base}/login", timeout=30).text
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def attempt(session: requests.Session, token: str, base: str, name: str, password: str) -> int:
    """One login through the form at ``base``, on a connection of its own; the status."""
    return session.post(f"{base}/login", data={"csrf_token": token, "username": name, "password": password,
                                                "purpose": "test case 1"},
                        headers={"Connection": "close"}, allow_redirects=False, timeout=30).status_code


@pytest.fixture
def no_failed_logins(settings, web_users):  # noqa: F811
    SQLiteStorage(storage_uri(settings)).reset()
    yield
    SQLiteStorage(storage_uri(settings)).reset()  # the next test's logins are not this one's


def test_a_login_and_its_form_hold_in_every_process_and_failed_logins_are_counted_once(
        neo4j_server, tmp_path, no_failed_logins):
    with dashboard(tmp_path / "one.log", workers=1) as (one, _), dashboard(tmp_path / "two.log", workers=1) as (two, _):
        # The form from one process, sent to the other: the CSRF token and the session hold.
        admin = requests.Session()
        assert attempt(admin, form_token(admin, one), two, BY_ROLE["admin"], PASSWORD) == 303
        for base in (one, two):
            page = admin.get(f"{base}/admin/users", timeout=30)
            assert page.status_code == 200 and BY_ROLE["analyst"] in page.text
        # Five failed logins, three on one process and two on the other, are the five a minute
        # allowed from one address: the sixth is refused by both, even with the right password.
        guesser = requests.Session()
        token = form_token(guesser, one)
        statuses = [attempt(guesser, token, base, BY_ROLE["analyst"], "wrong password attempt")
                    for base in (one, two, one, two, one)]
        assert statuses == [401] * 5
        assert attempt(guesser, token, two, BY_ROLE["analyst"], PASSWORD) == 429
        assert attempt(guesser, token, one, BY_ROLE["analyst"], PASSWORD) == 429
    assert "Traceback" not in (tmp_path / "one.log").read_text() + (tmp_path / "two.log").read_text()


def worker_processes(server: subprocess.Popen) -> list[int]:
    """The process IDs of the server's workers (its children, from /proc)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def test_serve_with_two_workers_answers_from_both_and_limits_failed_logins_as_one_server(
        neo4j_server, tmp_path, no_failed_logins):
    log = tmp_path / "serve.log"
    user_home = tmp_path / "home"
    user_home.mkdir()
    with dashboard(log, workers=2, home=user_home) as (base, server):
        workers = worker_processes(server)
        assert len(workers) == 2
        # New connections until both workers have answered (the kernel hands each to either).
        visitor, answered = requests.Session(), set()
        for _ in range(300):
            visitor.get(f"{base}/login", headers={"Connection": "close"}, timeout=30)
            time.sleep(0.05)  # the line is written after the answer is sent
            answered = {int(pid) for pid, *_ in REQUEST_LINE.findall(log.read_text())}
            if len(answered) == 2:
                break
        assert answered == set(workers), log.read_text()[-2000:]
        # A login on one connection is valid on every later one, whichever worker takes it.
        analyst = requests.Session()
        assert attempt(analyst, form_token(analyst, base), base, BY_ROLE["analyst"], PASSWORD) == 303
        for _ in range(10):
            assert analyst.get(f"{base}/alerts", headers={"Connection": "close"}, timeout=30).status_code == 200
        guesser = requests.Session()
        token = form_token(guesser, base)
        assert [attempt(guesser, token, base, "no-such-user", "wrong password attempt") for _ in range(5)] == [401] * 5
        assert attempt(guesser, token, base, BY_ROLE["partner"], PASSWORD) == 429
    answers = REQUEST_LINE.findall(log.read_text())
    assert [status for _, method, route, status in answers if method == "POST"] == ["303"] + ["401"] * 5 + ["429"]
    assert {int(pid) for pid, method, route, _ in answers if route == "/alerts"} <= set(workers)
    # No gunicorn control socket: nothing else may steer the dashboard's processes, and two
    # dashboards of one user must not fight over one socket in the home folder (gunicorn's default
    # is ~/.gunicorn/gunicorn.ctl). Other libraries may keep caches there, so only sockets count.
    assert not (user_home / ".gunicorn").exists()
    assert [path for path in user_home.rglob("*") if stat.S_ISSOCK(path.lstat().st_mode)] == []


def test_two_workers_work_each_slow_answer_out_once_and_remove_their_folder_when_stopped(
        db, settings, tmp_path):
    # (an empty store: no force loaded, so no problem profile to work out)
    log = tmp_path / "serve.log"
    with dashboard(log, workers=2) as (base, server):
        deadline = time.monotonic() + 300
        while log.read_text().count("warm-up: done") < 2:  # both workers' warm-ups ask for both layers
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        [folder] = settings.home.glob(f"shared-results-{server.pid}-*")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        answers = list(folder.glob("*.pickle"))
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in answers)
    text = log.read_text()
    shared = re.findall(r"graph_service\.web\.shared_results (.+) worked out in [\d.]+ s for every worker", text)
    # The analysts' and the partners' hot spot layers and today's candidate list: each worked out
    # once for both workers, a file each. (The review queue is read from the store's indexes.)
    assert sorted(shared) == ["candidate list", "hot spot layer", "hot spot layer"], text[-3000:]
    assert len(answers) == len(shared)
    assert not folder.exists()
    assert "Traceback" not in text and "could not work out" not in text
