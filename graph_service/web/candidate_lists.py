"""Today's candidate list, worked out once and kept while the records behind it are unchanged.

Working the list out reads every pair with evidence in the look-back window and runs the rules
of :mod:`graph_service.analysis.candidates` over them: seconds on a town's records. Every page
of the list, its API, the printable pack and the CSV would otherwise each pay that, and the
first disruption lead of the day would wait for it. So the list is worked out in a background
thread, once however many ask at the same moment, and kept in the server's memory until the day
changes or the stored records do (their version is read on every request: counts from Neo4j's
count store), and for at most :data:`KEEP_SECONDS`.

What is kept is the rules' outcome, never a rendered page: every page and API answer still
checks the role and writes to the audit log what it shows. ``graph-service serve`` starts
working the list out as the server starts (:func:`warm_up`); a page asked for before it is ready
says so and reloads itself (:data:`PAGE_WAIT_SECONDS`).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import date

from flask import Flask, current_app

from graph_service.analysis import candidates as candidate_rules
from graph_service.web.database import get_db

log = logging.getLogger(__name__)

#: A kept list is worked out again at the latest this long after it was made.
KEEP_SECONDS = 600
#: How long a page waits for a list being worked out before saying so instead.
PAGE_WAIT_SECONDS = 1.5


@dataclass
class _Work:
    key: tuple
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    result: candidate_rules.CandidateList | None = None
    failure: BaseException | None = None


class CandidateLists:
    """The candidate list of one app (see the module's notes)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._kept: _Work | None = None
        self._working: _Work | None = None

    def get(self, app: Flask, wait: float | None = None) -> candidate_rules.CandidateList | None:
        """Today's list; None when it is still being worked out after ``wait`` seconds
        (``None``: as long as it takes). A failure while working it out is raised here."""
        key = (date.today(), version(app))
        with self._lock:
            kept = self._kept
            if kept is not None and kept.key == key and time.monotonic() - kept.started < KEEP_SECONDS:
                return kept.result
            if self._working is None or self._working.key != key:
                self._working = _Work(key, time.monotonic())
                threading.Thread(target=self._work, args=(app, self._working), daemon=True,
                                 name="candidate list").start()
            work = self._working
        if not work.done.wait(wait):
            return None
        if work.failure is not None:
            raise work.failure
        return work.result

    def seconds_working(self) -> float | None:
        """How long the list being worked out has taken so far (None when none is)."""
        with self._lock:
            return None if self._working is None else time.monotonic() - self._working.started

    def _work(self, app: Flask, work: _Work) -> None:
        try:
            with app.app_context():
                work.result = candidate_rules.candidate_list(get_db(), as_of=work.key[0])
        except BaseException as failure:  # handed to the requests waiting for it
            work.failure = failure
        with self._lock:
            if work.failure is None:
                self._kept = work
            if self._working is work:
                self._working = None
        work.done.set()


def version(app: Flask) -> tuple:
    with app.app_context():
        return tuple(get_db().read("web/candidates/version")[0].values())


def init_app(app: Flask) -> None:
    app.extensions["candidate_lists"] = CandidateLists()


def todays_list(wait: float | None = None) -> candidate_rules.CandidateList | None:
    """Today's list for the current request (see :meth:`CandidateLists.get`)."""
    app = current_app._get_current_object()
    return app.extensions["candidate_lists"].get(app, wait)


def seconds_working() -> float | None:
    return current_app.extensions["candidate_lists"].seconds_working()


def warm_up(app: Flask) -> None:
    """Start working today's list out now, so the first disruption lead need not wait. The
    server starts even when Neo4j is not reachable yet: the first request tries again."""
    try:
        app.extensions["candidate_lists"].get(app, wait=0)
    except Exception as problem:  # noqa: BLE001 - logged; pages report it when asked
        log.warning("could not start working out the candidate list: %s", problem)
