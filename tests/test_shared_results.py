"""Results shared by the dashboard's worker processes (graph_service/web/shared_results.py):
worked out once however many processes ask at the same moment, never read from a file this
server did not sign, never read or kept after their time; real processes and real files."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from graph_service.web.shared_results import FOLDER_PREFIX, Busy, SharedResults, server_folder

SECRET = b"s" * 32


def ask(folder: str, tally: str, answers) -> None:
    """One worker process asking for the same answer as the others (it takes a second to work out)."""
    def make():
        with open(tally, "a") as out:
            out.write(f"{os.getpid()}\n")
        time.sleep(1.0)
        return {"cells": [1, 2, 3], "made_by": os.getpid()}
    answers.put(SharedResults(Path(folder), SECRET, keep_seconds=60).get(("layer", "window"), make))


def test_an_answer_asked_for_by_four_processes_at_once_is_worked_out_once(tmp_path):
    context = multiprocessing.get_context("fork")
    answers, tally = context.Queue(), tmp_path / "tally"
    workers = [context.Process(target=ask, args=(str(tmp_path / "shared"), str(tally), answers)) for _ in range(4)]
    for worker in workers:
        worker.start()
    got = [answers.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(30)
    makers = tally.read_text().split()
    assert len(makers) == 1
    assert got == [{"cells": [1, 2, 3], "made_by": int(makers[0])}] * 4


def test_a_caller_that_will_not_wait_is_told_since_when_another_is_at_it(tmp_path):
    shared = SharedResults(tmp_path, SECRET, keep_seconds=60)
    gate, began = threading.Event(), threading.Event()

    def slow():
        began.set()
        gate.wait(30)
        return "layer"

    first = threading.Thread(target=lambda: shared.get(("layer", 1), slow))
    start = datetime.now()
    first.start()
    assert began.wait(10)
    asked = time.monotonic()
    with pytest.raises(Busy) as busy:
        shared.get(("layer", 1), lambda: pytest.fail("another is working it out"), wait=0.5)
    assert 0.5 <= time.monotonic() - asked < 5
    assert abs((busy.value.since - start).total_seconds()) < 5
    gate.set()
    first.join(10)
    assert shared.get(("layer", 1), lambda: pytest.fail("worked out once"), wait=0.5) == "layer"


class Planted:
    """What a crafted file would run on being unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_file_this_server_did_not_sign_is_never_unpickled(tmp_path):
    folder, marker = tmp_path / "shared", tmp_path / "ran"
    shared = SharedResults(folder, SECRET, keep_seconds=60)
    shared.get(("layer", 1), lambda: "genuine")
    [kept] = folder.glob("*.pickle")
    payload = pickle.dumps(Planted(marker))
    for forged in (b"\0" * 32 + payload, SharedResults(folder, b"o" * 32, 60)._sign(payload) + payload):
        kept.write_bytes(forged)
        assert shared.get(("layer", 1), lambda: "worked out again") == "worked out again"
        assert not marker.exists()
    assert pickle.loads(kept.read_bytes()[32:]) == "worked out again"


def test_answers_are_private_and_not_read_or_kept_after_their_time(tmp_path):
    folder = tmp_path / "shared"
    shared = SharedResults(folder, SECRET, keep_seconds=60)
    shared.get(("layer", "old"), lambda: "old")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [old] = folder.glob("*.pickle")
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    long_ago = time.time() - 61
    os.utime(old, (long_ago, long_ago))
    assert shared.get(("layer", "old"), lambda: "new") == "new"  # read no more: worked out again
    for path in folder.iterdir():
        os.utime(path, (long_ago, long_ago))
    shared.get(("layer", "other"), lambda: "other")  # a write removes what is past its time
    assert [p.read_bytes()[32:] for p in folder.glob("*.pickle")] == [pickle.dumps("other", pickle.HIGHEST_PROTOCOL)]
    assert len(list(folder.iterdir())) == 2  # its answer and its lock


def test_a_server_folder_is_new_and_private_and_killed_servers_folders_are_removed(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    killed = tmp_path / f"{FOLDER_PREFIX}{gone.stdout.strip()}-abc123"
    running = tmp_path / f"{FOLDER_PREFIX}{os.getppid()}-def456"
    for folder in (killed, running):
        folder.mkdir()
        (folder / "answer.pickle").write_bytes(b"x")
    mine = server_folder(tmp_path)
    assert mine.name.startswith(f"{FOLDER_PREFIX}{os.getpid()}-") and stat.S_IMODE(mine.stat().st_mode) == 0o700
    assert not killed.exists() and running.exists()
    assert server_folder(tmp_path) != mine
