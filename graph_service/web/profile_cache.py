"""Problem profiles worked out once and kept while the records behind them are unchanged.

A council's profile for a quarter reads every piece of evidence at its places and counts it
three ways (the period, the previous period, since the meeting) and again for each ward: a few
seconds on the medium scenario, more on a busy machine. The page must not take over 2 s at first
load, so a profile is worked out in a background thread, once however many ask for it at the
same moment, and kept in the server's memory (at most :data:`KEEP` of them, each for at most
:data:`KEEP_SECONDS`) while the stored records are unchanged: their version
(``cypher/profile/version.cypher``, counts from Neo4j's count store and the newest changes) is
read on every request. The profile page waits :data:`PAGE_WAIT_SECONDS` and otherwise says the
profile is being worked out and reloads itself; the API, the print page and the PDF wait for it.
``graph-service serve`` works out the force's profile of the default period, for analysts and
partners, as it starts (:mod:`graph_service.web.warm_up`).

What is kept is a profile (a partner's already through ``graph_service.disclosure``), never a
rendered page: every page and API answer still checks the role and writes to the audit log.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from flask import Flask, current_app

from graph_service.analysis.profile import build_profile
from graph_service.web.database import get_db

#: Profiles kept at once (areas × periods × versions asked for lately).
KEEP = 24
#: A kept profile is worked out again at the latest this long after it was made.
KEEP_SECONDS = 600
#: How long the profile page waits for a profile being worked out before saying so instead.
PAGE_WAIT_SECONDS = 1.5


@dataclass(frozen=True)
class Asked:
    """A profile as asked for: the area's ID, the period, the meeting date and the version."""

    area_id: str
    start: date
    end: date
    since: date | None
    partner: bool


@dataclass
class _Work:
    key: tuple
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    result: dict | None = None
    failure: BaseException | None = None


class ProfileCache:
    """The kept profiles of one app (see the module's notes)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple, _Work] = OrderedDict()
        self._working: dict[tuple, _Work] = {}

    def get(self, app: Flask, asked: Asked, wait: float | None = None) -> dict | None:
        """The profile ``asked`` for; None when it is still being worked out after ``wait``
        seconds (``None``: as long as it takes). A failure while working it out is raised here."""
        key = (asked, date.today(), version(app))
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and time.monotonic() - kept.started < KEEP_SECONDS:
                self._kept.move_to_end(key)
                return kept.result
            work = self._working.get(key)
            if work is None:
                work = self._working[key] = _Work(key, time.monotonic())
                threading.Thread(target=self._work, args=(app, work), daemon=True, name="problem profile").start()
        if not work.done.wait(wait):
            return None
        if work.failure is not None:
            raise work.failure
        return work.result

    def seconds_working(self, asked: Asked) -> float | None:
        """How long the profile ``asked`` for has been worked out so far (None when it is not)."""
        with self._lock:
            started = [w.started for k, w in self._working.items() if k[0] == asked]
        return time.monotonic() - min(started) if started else None

    def _work(self, app: Flask, work: _Work) -> None:
        asked = work.key[0]
        try:
            with app.app_context():
                work.result = build_profile(get_db(), asked.area_id, asked.start, asked.end, asked.since,
                                            partner=asked.partner)
        except BaseException as failure:  # handed to the requests waiting for it; never kept
            work.failure = failure
        with self._lock:
            if work.failure is None:
                self._kept[work.key] = work
                while len(self._kept) > KEEP:
                    self._kept.popitem(last=False)
            self._working.pop(work.key, None)
        work.done.set()


def version(app: Flask) -> tuple:
    with app.app_context():
        return tuple(get_db().read("profile/version")[0].values())


def init_app(app: Flask) -> None:
    app.extensions["profiles"] = ProfileCache()


def warm(app: Flask, start: date, end: date) -> None:
    """Work out the force's profile from ``start`` to ``end`` (the page's default period), for
    analysts and for partners; nothing when no single force is loaded (the page asks for an area)."""
    from graph_service.analysis.profile import ProfileError, default_area

    with app.app_context():
        try:
            area_id = default_area(get_db())
        except ProfileError:
            return
    for partner in (False, True):
        app.extensions["profiles"].get(app, Asked(area_id, start, end, None, partner))


def profile(asked: Asked, wait: float | None = None) -> dict | None:
    """The profile ``asked`` for, for the current request (see :meth:`ProfileCache.get`)."""
    app = current_app._get_current_object()
    return app.extensions["profiles"].get(app, asked, wait)


def seconds_working(asked: Asked) -> float | None:
    return current_app.extensions["profiles"].seconds_working(asked)
