"""The review queue of the dashboard: a page at a time, from the records' stored review dates.

Each record keeps its review date under the policy (:mod:`graph_service.analysis.retention.due_dates`),
so a page reads its own records and the count of all due from an index per record type, and is
read afresh on every visit: a decision, a deletion or an ingest shows at once.

Those dates must have been set under the policy in force. After a change of policy (or on a
store from before the dates were stored) every record is dated again, once, in a background
thread (at a region's size several minutes); meanwhile the page says so and reloads itself.
``serve`` starts that at its start (:mod:`graph_service.web.warm_up`).
"""

from __future__ import annotations

from datetime import date

from flask import current_app

from graph_service.analysis.retention import due_dates, queue
from graph_service.web.database import get_db
from graph_service.web.kept_results import KeptResults

#: How long a page waits for the dates being set before saying so instead.
PAGE_WAIT_SECONDS = 1.0


def _date_again(_policy: str) -> bool:
    due_dates.bring_up_to_date(get_db())
    return True


def dating() -> KeptResults:
    """The current app's dating of the store under the policy in force (made on first use)."""
    return current_app.extensions.setdefault(
        "review_dating", KeptResults("review dates", _date_again, keep=1, keep_seconds=60))


def ready(wait: float | None = None) -> bool:
    """Whether the store's review dates are set under the policy in force; if not, set them in
    the background and wait up to ``wait`` seconds (``None``: as long as it takes)."""
    if due_dates.up_to_date(get_db()):
        return True
    return bool(dating().get(current_app._get_current_object(), due_dates.fingerprint(), wait))


def seconds_working() -> float | None:
    """How long the dating under way has taken so far (None when none is)."""
    return dating().seconds_working()


def page(due_by: date, number: int, per_page: int) -> queue.Queue | None:
    """Page ``number`` of the queue due by ``due_by``, or None while the store's review dates
    are still being set after :data:`PAGE_WAIT_SECONDS`."""
    return queue.due(get_db(), due_by, number, per_page) if ready(PAGE_WAIT_SECONDS) else None
