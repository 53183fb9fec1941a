"""What ``graph-service serve`` works out as it starts, so that no first visitor waits for it.

First, the statements of the analysts' home page, of the search page and of a person's, a
vehicle's, a place's and a network's page are run once (the record pages for the first of each
by ID): on a fresh Neo4j, planning the person page's statements took 4-6 s and a vehicle's or a
place's 1-2 s, all of it before the first visitor's page could answer.

On the medium scenario a fresh server took 4-19 s over a few first pages: today's candidate
list, the partners' network summaries, and the hot spot layers of the default window (the
last 90 days, 250 m cells), for analysts and for partners. They are worked out here, one after
another in one background thread beside the candidate list's own (the machine's cores are shared with Neo4j and the requests
already arriving), into the same per-app stores the pages read: the candidate list
(:mod:`.candidate_lists`), the networks' per-run store, the force's problem profile of the
default period (:mod:`.profile_cache`) and the hot spot layers' store. Nothing
rendered is kept: every page still checks the role and writes to the audit log what it shows.
A page asked for before its part is ready waits for that part alone; the candidates page and
the hot spot page say so at once instead (the layers the warm-up is going to work out are
queued in the layers' store as it starts, so the hot spot page can tell when they began) and
refresh themselves until it is ready. After every ingest :func:`watch` works the same parts out
again (all but the planning), so the first visitor after the night's ingest does not wait either.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import date, datetime, timedelta

from flask import Flask

from graph_service import disclosure
from graph_service.analysis.hotspots import KINDS as EVENT_KINDS
from graph_service.web import (
    areas,
    candidate_lists,
    casework,
    home,
    hotspots,
    networks,
    profile_cache,
    queries,
    review_queue,
    timeline,
)
from graph_service.web.database import get_db

log = logging.getLogger(__name__)


def default_layers() -> list[hotspots.Choice]:
    """The hot spot layers a first visitor asks for: the last 90 days, 250 m cells, each council
    on its own, for analysts and for partners."""
    end = date.today()
    start = end - timedelta(days=hotspots.DEFAULT_DAYS - 1)
    return [hotspots.Choice(start, end, tuple(k for k in EVENT_KINDS if k in (disclosure.KINDS if partner else EVENT_KINDS)),
                            250, partner) for partner in (False, True)]


def parts(app: Flask) -> list[tuple[str, callable]]:
    """(what, how to work it out) in the order they are worked out."""
    analysts, partners = default_layers()
    layers = app.extensions["hotspot_layers"]

    def layer(choice: hotspots.Choice):
        def make():
            try:
                hotspots.compute(choice)
            finally:
                layers.done(choice)
        return make

    # The quick one first (the partners' summaries: about 3 s on the medium scenario), then the
    # hot spot layers (the analysts': about 20 s), beside the candidate list's own thread. Waiting
    # for the partners' summaries behind the layers made their first page take 22 s on a busy
    # machine. The hot spot page says the layers are being worked out until they are.
    return [
        ("the home and record pages' statements, planned", plan_record_pages),
        ("the partners' network summaries",
         lambda: networks.partners() if networks.detection_has_run() else None),
        ("the analysts' hot spot layer of the last 90 days", layer(analysts)),
        ("the partners' hot spot layer of the last 90 days", layer(partners)),
        # the profile page says it is being worked out until it is, as the hot spot page does
        ("the force's problem profile of the three months before this one",
         lambda: profile_cache.warm(app, *areas.default_window(date.today()))),
        ("today's candidate list", lambda: app.extensions["candidate_lists"].get(app)),
        # after a change of policy every record is dated again (the review page says so until
        # then); the first page of today's queue read once, so that its statements are planned
        ("the review queue's dates and first page",
         lambda: review_queue.ready() and review_queue.page(date.today(), 1, 20)),
    ]


def plan_record_pages() -> None:
    """Run what the analysts' home page reads, a search for the first person's ID, and what a
    person's, a vehicle's, a place's and a network's page read for the first of each by ID
    (``cypher/web/first_records``), once each, so that Neo4j plans the statements now. Nothing
    read is kept or shown to anyone, so nothing is audited."""
    home.analyst_summary()  # the page every analyst opens first
    db = get_db()
    first = db.read("web/first_records")[0]
    if first["person_id"]:
        # The search page's statements and full-text indexes too: the first search on a fresh
        # server took 2.1 s on the medium scenario, a later one 0.14 s.
        queries.search(db, first["person_id"])
        person = queries.person(db, first["person_id"])
        queries.person_network(db, first["person_id"])
        casework.person_panel(person)
    if first["vrm"]:
        queries.vehicle(db, first["vrm"])
        timeline.read(db, "", vehicles=[first["vrm"]])
    if first["location_id"]:
        queries.location(db, first["location_id"])
        timeline.read(db, "", locations=[first["location_id"]])
    if first["network_id"] is not None:
        networks.network(first["network_id"])


def warm_up(app: Flask) -> threading.Thread:
    """Start working the :func:`parts` out in a background thread; a part that fails (Neo4j
    not reachable yet) is logged and left to the first request that needs it."""
    candidate_lists.warm_up(app)  # first: its own thread, started at once
    app.extensions["hotspot_layers"].queue(default_layers(), datetime.now())
    thread = threading.Thread(target=_work_out, args=(app, parts(app)), daemon=True, name="warm-up")
    thread.start()
    return thread


#: How often each process of ``serve`` asks the store whether an ingest has been published.
WATCH_SECONDS = 30.0


def watch(app: Flask, every: float = WATCH_SECONDS, stop: threading.Event | None = None) -> threading.Thread:
    """Work the slow parts out again after every ingest, in a background thread that asks the
    store every ``every`` seconds which ingest it published last (until ``stop`` is set).

    What the dashboard keeps is worked out again after any ingest, but only when a page asks
    for it: the first analyst to open the hot spot page after the night's ingest of a region
    waited minutes for it. The record pages' statements are not planned again (an ingest
    does not change them). The processes of ``serve`` share what they work out, so each part
    is worked out once after an ingest, whichever process sees it first."""
    stop = stop or threading.Event()
    unknown = object()  # the store could not be asked

    def published():
        try:
            with app.app_context():
                return get_db().read("web/last_ingest")[0]["ingest_id"]  # None before the first
        except Exception as problem:  # noqa: BLE001 - Neo4j away, or refusing reads while it publishes
            log.debug("warm-up: could not read the store's last ingest: %s", problem)
            return unknown

    def run() -> None:
        seen = published()
        while not stop.wait(every):
            now = published()
            if now is unknown or now == seen:
                continue
            if seen is not unknown:
                log.info("warm-up: an ingest was published; working the slow answers out again")
                app.extensions["hotspot_layers"].queue(default_layers(), datetime.now())
                _work_out(app, [(what, make) for what, make in parts(app) if make is not plan_record_pages])
            seen = now

    thread = threading.Thread(target=run, daemon=True, name="warm-up after ingests")
    thread.start()
    return thread


def _work_out(app: Flask, chosen: list[tuple[str, callable]]) -> None:
    started = time.monotonic()
    for what, make in chosen:
        began = time.monotonic()
        try:
            with app.app_context():
                make()
        except Exception as problem:  # noqa: BLE001 - the page that needs it tries again
            log.warning("warm-up: could not work out %s: %s", what, problem)
            continue
        log.info("warm-up: %s worked out in %.1f s", what, time.monotonic() - began)
    # Operators (and benchmarks/web.py) read this line as "every page now answers at its usual speed".
    log.info("warm-up: done in %.1f s", time.monotonic() - started)
