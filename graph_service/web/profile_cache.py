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

from dataclasses import dataclass
from datetime import date

from flask import Flask, current_app

from graph_service.analysis.profile import build_profile
from graph_service.web.database import get_db
from graph_service.web.kept_results import KeptResults

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


class ProfileCache:
    """The kept profiles of one app (see the module's notes), by what was asked, day and store version."""

    def __init__(self):
        self._profiles = KeptResults("problem profile", _work_out, keep=KEEP, keep_seconds=KEEP_SECONDS,
                                     version=_version)

    def get(self, app: Flask, asked: Asked, wait: float | None = None) -> dict | None:
        """The profile ``asked`` for; None when it is still being worked out after ``wait``
        seconds (``None``: as long as it takes). A failure while working it out is raised here."""
        return self._profiles.get(app, (asked, date.today()), wait)

    def seconds_working(self, asked: Asked) -> float | None:
        """How long the profile ``asked`` for has been worked out so far (None when it is not)."""
        return self._profiles.seconds_working(lambda key: key[0] == asked)


def _version() -> tuple:
    return tuple(get_db().read("profile/version")[0].values())


def _work_out(key: tuple) -> dict:
    asked = key[0]
    return build_profile(get_db(), asked.area_id, asked.start, asked.end, asked.since, partner=asked.partner)


def version(app: Flask) -> tuple:
    """The stored records' version a profile is kept for."""
    with app.app_context():
        return _version()


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
