"""Results worked out once in a background thread and kept while the records behind them are
unchanged: the one way the dashboard keeps a slow answer (today's candidate list, a problem
profile).

A page must not take over 2 s at first load, and some answers take seconds to work out on a
town's records. So an answer is worked out in a background thread, once however many ask for it
at the same moment, and kept in the server's memory under its key: at most ``keep`` answers,
each for at most ``keep_seconds``, with the version of the stored records it was worked out on
(counts from Neo4j's count store, read on every request), so an ingest, a deletion or a
decision makes the next request work the answer out again; an answer whose records changed
while it was being worked out is worked out again before anyone is given it. A request may wait a while for an
answer being worked out and otherwise say so (``seconds_working``) and reload itself.

Under ``serve``'s several processes, the first process to need an answer works it out for all
and the others read it (:mod:`graph_service.web.shared_results`, keyed by the answer's name,
key and records' version); after :meth:`KeptResults.forget` this app keeps its answers to
itself, as another process cannot know what made it forget.

What is kept is an analysis' outcome, never a rendered page: every page and API answer still
checks the role and writes to the audit log what it shows.

>>> from flask import Flask
>>> made = []
>>> squares = KeptResults("squares", lambda key: made.append(key) or key * key, keep=2, keep_seconds=60)
>>> app = Flask("example")
>>> squares.get(app, 3), squares.get(app, 3), made
(9, 9, [3])
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable

from flask import Flask

from graph_service.web import shared_results

#: Times an answer is worked out while the records keep changing under it before it is handed out.
_TRIES = 5


@dataclass
class _Work:
    key: Hashable
    started: float
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    failure: BaseException | None = None


class KeptResults:
    """Answers of ``make(key)`` (run in the app's context, in a thread of its own), kept by key.

    Attributes: ``name`` (the threads' name), ``keep`` (answers kept at once, the least recently
    asked for dropped first), ``keep_seconds`` (an answer is worked out again at the latest this
    long after it was made), ``version`` (the stored records' version, read in the app's context:
    an answer is kept for the version it was worked out on).
    """

    def __init__(self, name: str, make: Callable[[Hashable], Any], keep: int, keep_seconds: float,
                 version: Callable[[], Hashable] = lambda: None):
        self.name, self.make, self.keep, self.keep_seconds = name, make, keep, keep_seconds
        self.version = version
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, _Work] = OrderedDict()
        self._working: dict[Hashable, _Work] = {}
        # Set by forget(): what this app works out from then on is its own, not shared.
        self._forgotten: str | None = None

    def get(self, app: Flask, key: Hashable, wait: float | None = None) -> Any:
        """The answer for ``key``; None when it is still being worked out after ``wait`` seconds
        (``None``: as long as it takes). A failure while working it out is raised here, and
        the next request tries again."""
        with app.app_context():
            key = (key, self.version())
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and time.monotonic() - kept.started < self.keep_seconds:
                self._kept.move_to_end(key)
                return kept.result
            work = self._working.get(key)
            if work is None:
                work = self._working[key] = _Work(key, time.monotonic())
                threading.Thread(target=self._work, args=(app, work), daemon=True, name=self.name).start()
        if not work.done.wait(wait):
            return None
        if work.failure is not None:
            raise work.failure
        return work.result

    def seconds_working(self, about: Callable[[Hashable], bool] = lambda key: True) -> float | None:
        """How long the answers being worked out whose key is ``about`` what is asked have
        taken so far (the longest); None when none is."""
        with self._lock:
            started = [work.started for (key, _), work in self._working.items() if about(key)]
        return time.monotonic() - min(started) if started else None

    def forget(self) -> None:
        """Drop every kept answer (after a change the version does not see at once)."""
        with self._lock:
            self._kept.clear()
            self._working.clear()
            self._forgotten = uuid.uuid4().hex

    def _work(self, app: Flask, work: _Work) -> None:
        asked = work.key[0]
        steady, held_still = None, False
        try:
            with app.app_context():
                # Worked out again when the records changed meanwhile (an ingest published, a
                # store wiped): an answer read across a change is never kept, and is handed out
                # only when the records would not hold still.
                shared = shared_results.of(app)
                for _ in range(_TRIES):
                    before = self.version()
                    if shared is None:
                        work.result = self.make(asked)
                    else:
                        work.result = shared.get((self.name, asked, before, self._forgotten),
                                                 lambda: self.make(asked), fresh_for=self.keep_seconds)
                    after = self.version()
                    if before == after:
                        steady, held_still = after, True
                        break
        except BaseException as failure:  # handed to the requests waiting for it; never kept
            work.failure = failure
        with self._lock:
            if work.failure is None and held_still:
                self._kept[(asked, steady)] = work
                while len(self._kept) > self.keep:
                    self._kept.popitem(last=False)
            if self._working.get(work.key) is work:
                del self._working[work.key]
        work.done.set()
