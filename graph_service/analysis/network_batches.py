"""A store's first network run too large for one transaction, written in batches.

A run is stored in one transaction (:mod:`graph_service.analysis.network_store`) so that pages
show the last run or this one, never a mix. The first run on a region's store writes every tie
and membership as new, millions of rows: the region scenario's was more than the server's
transaction memory held at a 4 GB heap and at an 8 GB one (docs/scaling.md). When nothing is stored yet and a run has more rows
than ``GRAPH_SERVICE_PUBLISH_BATCH``, it is written as an ingest too large for one transaction
is published: behind the store's guard, which refuses every read until the last batch commits.

1. Under the ingest lock (the guard is raised and lowered by one writer at a time), the guard
   names this run (``ingest/begin_publishing`` with :data:`MARKER` and the run's ID).
2. The run, its networks, its ties and its memberships, in batches, each its own transaction.
3. The guard is lowered (``ingest/end_publishing``): readers see the whole run at once.

A run that fails, or is killed, between 1 and 3 is removed whole
(:func:`graph_service.db.unfinished.discard_network_run`), from the
failing run itself or, after a kill, the next ingest or start (:mod:`graph_service.db.unfinished`),
which then lowers the guard: the store is as it was, without networks, exactly, since nothing
was stored before. Later runs write only what changed (a day's ageing changes a fraction of
the rows) and stay one transaction.
"""

from __future__ import annotations

import logging

from graph_service.db.access import NETWORK_RUN_MARKER as MARKER
from graph_service.db.unfinished import discard_network_run

log = logging.getLogger(__name__)


def write_first_run(db, statements: list[tuple[str, dict]], run_id: str) -> None:
    """Write ``statements`` (name and parameters, the run and its networks first, then batches
    of ties and memberships), each in its own transaction, behind the readers' guard; remove
    them all if any fails."""
    with db.lock("ingest"):
        db.write("ingest/begin_publishing", ingest_id=MARKER + run_id)
        try:
            for name, parameters in statements:
                db.write(name, **parameters)
            db.write("ingest/end_publishing")
        except BaseException:
            try:
                discard_network_run(db, MARKER + run_id)
            except Exception:  # the store is unreachable: the next ingest or start removes it
                log.exception("could not remove what the failed network run %s wrote", run_id)
            raise
