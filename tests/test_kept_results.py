"""Slow answers kept by the dashboard: worked out once, kept for the records' version, and never
kept when the records changed while they were being worked out."""

from __future__ import annotations

import threading

from flask import Flask

from graph_service.web.kept_results import KeptResults

APP = Flask("kept-results-test")


def test_an_answer_is_worked_out_once_for_many_asking_at_once_and_kept_for_its_version():
    version, made, release = [1], [], threading.Event()

    def make(key):
        release.wait(10)
        made.append(key)
        return f"{key} at version {version[0]}"

    kept = KeptResults("test", make, keep=4, keep_seconds=60, version=lambda: version[0])
    answers = []
    askers = [threading.Thread(target=lambda: answers.append(kept.get(APP, "queue"))) for _ in range(5)]
    for asker in askers:
        asker.start()
    assert kept.get(APP, "queue", wait=0.05) is None and kept.seconds_working() is not None
    release.set()
    for asker in askers:
        asker.join()
    assert answers == ["queue at version 1"] * 5 and made == ["queue"]
    assert kept.get(APP, "queue") == "queue at version 1" and made == ["queue"]  # kept
    version[0] = 2  # an ingest
    assert kept.get(APP, "queue") == "queue at version 2" and made == ["queue", "queue"]


def test_an_answer_read_while_the_records_changed_is_worked_out_again_before_it_is_kept():
    version, made = [1], []

    def make(key):
        made.append(key)
        if len(made) == 1:
            version[0] = 2  # an ingest published while the first answer was being read
        return f"read {len(made)}"

    kept = KeptResults("test", make, keep=4, keep_seconds=60, version=lambda: version[0])
    assert kept.get(APP, "queue") == "read 2"  # the first reading, across the change, was not given
    assert kept.get(APP, "queue") == "read 2" and len(made) == 2  # the steady one is kept


def test_an_answer_is_not_kept_when_the_records_never_hold_still():
    version = [0]

    def make(key):
        version[0] += 1
        return version[0]

    kept = KeptResults("test", make, keep=4, keep_seconds=60, version=lambda: version[0])
    first = kept.get(APP, "queue")
    assert kept.get(APP, "queue") != first  # handed out (the best there is), never kept


def test_a_failure_reaches_the_asker_and_the_next_request_tries_again():
    calls = []

    def make(key):
        calls.append(key)
        if len(calls) == 1:
            raise RuntimeError("database not reachable")
        return "answer"

    kept = KeptResults("test", make, keep=4, keep_seconds=60)
    try:
        kept.get(APP, "queue")
    except RuntimeError as problem:
        assert str(problem) == "database not reachable"
    else:
        raise AssertionError("the failure was not raised")
    assert kept.get(APP, "queue") == "answer"


def test_apps_sharing_a_store_work_an_answer_out_once_and_an_app_that_forgot_works_out_its_own(tmp_path):
    """As ``serve``'s worker processes do (graph_service/web/shared_results.py): the second app
    reads what the first worked out for the same key and version; an app that was told to
    forget (a retention decision the version does not see) works its answers out itself."""
    from graph_service.web.shared_results import server_folder, share

    folder, version, made = server_folder(tmp_path), [1], []
    apps = [Flask("first"), Flask("second")]
    kept = []
    for app in apps:
        share(app, folder, b"k" * 32)
        kept.append(KeptResults("queue", lambda key, app=app: made.append(app.name) or {"due": [key], "by": app.name},
                                keep=4, keep_seconds=60, version=lambda: version[0]))
    assert kept[0].get(apps[0], "today") == {"due": ["today"], "by": "first"}
    assert kept[1].get(apps[1], "today") == {"due": ["today"], "by": "first"} and made == ["first"]
    version[0] = 2  # the records changed: worked out again, once
    assert kept[1].get(apps[1], "today")["by"] == "second" and kept[0].get(apps[0], "today")["by"] == "second"
    kept[0].forget()
    assert kept[0].get(apps[0], "today")["by"] == "first" and made == ["first", "second", "first"]
