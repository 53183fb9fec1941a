"""The review queue of the dashboard, worked out once and kept while the store is unchanged.

A record's review date is computed from the retention policy on read (docs/retention.md), so
the queue reads every record in the store: 6 to 45 s on the medium scenario on a busy machine.
The page would pay that on every visit and every page of the list. So the whole queue (every
record due, in order, without the people it names) is worked out in a background thread, once
however many ask at the same moment, and kept in the server's memory for its ``due_by`` while
the store's counts of records and retention decisions and its last published ingest are unchanged
(read on every request, from Neo4j's count store and one node: an ingest, even one that only changes a
review date, a deletion or a decision to retain changes them), for at most :data:`KEEP_SECONDS`.
A page is sliced from it, and only its own records' people are read.
A retention decision or a deletion made on the page forgets what was kept at once.

What is kept is the list of record IDs and dates, never a rendered page: every page still
checks the role and writes to the audit log what it shows. A page asked for before its queue is
ready waits :data:`PAGE_WAIT_SECONDS`, then says so and reloads itself.
"""

from __future__ import annotations

from datetime import date

from flask import Flask, current_app

from graph_service.analysis.retention import queue
from graph_service.web.database import get_db
from graph_service.web.kept_results import KeptResults

#: A kept queue is worked out again at the latest this long after it was made. Its version
#: sees every change that moves a record in or out of it, so this only bounds what a change
#: made behind the service's back would leave; a region's queue takes two minutes to work out.
KEEP_SECONDS = 3600
#: How long a page waits for a queue being worked out before saying so instead.
PAGE_WAIT_SECONDS = 1.0
#: Queues kept at once (one per ``due_by`` asked for).
KEPT = 8
#: Records of the first page whose people are read in the background (the page shows 20).
FIRST_PAGE = 20


class ReviewQueues:
    """The review queues of one app (see the module's notes), by ``due_by`` and store version."""

    def __init__(self):
        self._queues = KeptResults("review queue", _work_out, keep=KEPT, keep_seconds=KEEP_SECONDS,
                                   version=lambda: queue.version(get_db()))

    def rows(self, app: Flask, due_by: date, wait: float | None = None) -> list[dict] | None:
        """Every record due by ``due_by`` in the queue's order (:func:`queue.due_rows`); None when
        still being worked out after ``wait`` seconds (``None``: as long as it takes). A failure
        while working it out is raised here."""
        return self._queues.get(app, due_by, wait)

    def seconds_working(self, due_by: date) -> float | None:
        """How long the queue for ``due_by`` being worked out has taken so far (None when none is)."""
        return self._queues.seconds_working(lambda key: key == due_by)

    def forget(self) -> None:
        """Drop every kept queue: the next page works its queue out again."""
        self._queues.forget()


def _work_out(due_by: date) -> list[dict]:
    rows = queue.due_rows(get_db(), due_by)
    # The first page's people too, unshown: the statement is planned and its records read here,
    # not while the first visitor waits (20 s after a server start on a busy machine).
    queue.page_of(get_db(), rows, due_by, 1, FIRST_PAGE)
    return rows


def queues() -> ReviewQueues:
    """The current app's queues (made on first use)."""
    return current_app.extensions.setdefault("review_queues", ReviewQueues())


def page(due_by: date, number: int, per_page: int) -> queue.Queue | None:
    """Page ``number`` of the queue due by ``due_by``, or None while it is still being worked
    out after :data:`PAGE_WAIT_SECONDS`."""
    app = current_app._get_current_object()
    rows = queues().rows(app, due_by, PAGE_WAIT_SECONDS)
    return None if rows is None else queue.page_of(get_db(), rows, due_by, number, per_page)
