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
from datetime import date

from flask import Flask, current_app

from graph_service.analysis import candidates as candidate_rules
from graph_service.web.database import get_db
from graph_service.web.kept_results import KeptResults

log = logging.getLogger(__name__)

#: A kept list is worked out again at the latest this long after it was made.
KEEP_SECONDS = 600
#: How long a page waits for a list being worked out before saying so instead.
PAGE_WAIT_SECONDS = 1.5


class CandidateLists:
    """The candidate list of one app (see the module's notes), kept by day and store version."""

    def __init__(self):
        self._lists = KeptResults("candidate list", _work_out, keep=1, keep_seconds=KEEP_SECONDS, version=_version)

    def get(self, app: Flask, wait: float | None = None) -> candidate_rules.CandidateList | None:
        """Today's list; None when it is still being worked out after ``wait`` seconds
        (``None``: as long as it takes). A failure while working it out is raised here."""
        return self._lists.get(app, date.today(), wait)

    def seconds_working(self) -> float | None:
        """How long the list being worked out has taken so far (None when none is)."""
        return self._lists.seconds_working()


def _work_out(as_of: date) -> candidate_rules.CandidateList:
    return candidate_rules.candidate_list(get_db(), as_of=as_of)


def _version() -> tuple:
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
