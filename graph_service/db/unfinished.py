"""An ingest that did not finish: what it staged is removed before anything else writes.

An ingest writes its new records in batches, each its own transaction, as nodes labelled
only ``Staged`` (so that no reader, all of which match by label, sees them) and publishes them
in one last transaction (``ingest.staging``; docs/scaling.md), or, when there are more than
one transaction holds, labels them in batches behind a guard that refuses every read until the
last transaction. A process killed, or a failure, between the first batch and the publish
leaves staged nodes behind (some of them labelled, and the guard raised, if it was publishing
in batches), and the ``Ingest`` node that names the unfinished ingest. :func:`discard` removes both, in batches: a failed ingest does it
before it reports the failure, and the next ingest does it first thing, while it holds the
ingest lock, so it never removes the staging of an ingest still running. So do the next
start of the managed server (``graph-service neo4j start``) and of the dashboard
(``graph-service serve``), through :func:`discard_at_start`, unless an ingest is running
then. Until then the staged nodes take disk space and nothing else: no reader matches them.

A store's first network run too large for one transaction is written in batches behind the
same guard (:mod:`graph_service.analysis.network_batches`); one killed is removed here too
(:func:`discard_network_run`).

The write lock a killed ingest held needs nothing: it is a node its own transaction created
and never committed, so the server dropped it with the process's connection.

An example (it needs a database; ``tests/test_ingest_cli.py`` kills ingests and checks)::

    discard(db)     # Discarded(ingests=['3f2c...'], nodes=48211)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from graph_service.db.access import NETWORK_RUN_MARKER

log = logging.getLogger(__name__)


@dataclass
class Discarded:
    """What :func:`discard` removed: the IDs of the unfinished ingests, and their staged nodes."""

    ingests: list[dict] = field(default_factory=list)
    nodes: int = 0
    #: A store's first network run written in batches and killed: its ID and what it had written.
    network_run: dict | None = None

    def __bool__(self) -> bool:
        return bool(self.ingests or self.nodes or self.network_run)

    def describe(self) -> str:
        """One line for the log and the command line: which ingest it was, when it began, and
        how much it had staged (or which network run, and how much it had written)."""
        said = []
        if self.network_run:
            run = self.network_run
            said.append(f"removed what the unfinished network run {run['run_id']} had written: {run['ties']} ties, "
                        f"{run['memberships']} memberships, {run['networks']} networks")
        if self.ingests or self.nodes:
            which = ", ".join(f"{i['ingest_id']} begun {i['started_at']}" for i in self.ingests) or "no record of it"
            said.append(f"removed what {len(self.ingests) or 'an'} unfinished ingest{'s' if len(self.ingests) > 1 else ''} "
                        f"({which}) had staged: {self.nodes} node{'' if self.nodes == 1 else 's'} never published")
        return "; ".join(said) + "; the store is as it was before"


def unfinished(db) -> list[dict]:
    """The ingests that began staging and were neither published nor discarded."""
    return db.read_housekeeping("db/unfinished_ingests")


def tidy_published(db) -> int:
    """Take the staging marks off published nodes, in batches (``ingest/tidy_published``): the
    publish only adds each node's label, the least it can hold in one transaction. A published
    node still marked is as readers want it; this is housekeeping, safe at any time."""
    rows = db.run_auto_commit("ingest/tidy_published")
    return rows[0]["tidied"] if rows else 0


def discard(db) -> Discarded:
    """Remove every staged node (with its relationships) and every unfinished ``Ingest``
    node. Only while no ingest is running: under the ingest lock, or just after a start.

    A publish in batches that did not finish (the store's guard still names it) left some
    staged nodes labelled: they go too, marks and all, and the guard is lowered last, so
    readers are served again only once the store is as it was before."""
    publishing, network_run = db.publishing(), None
    if publishing is not None and publishing.startswith(NETWORK_RUN_MARKER):
        # A store's first network run written in batches, killed: it holds the ingest lock
        # while it writes, so under that lock it is not running.
        network_run = discard_network_run(db, publishing)
        publishing = None
    if publishing is None:
        tidy_published(db)  # a published ingest that died before it took its staging marks off
    found = Discarded(ingests=unfinished(db), network_run=network_run)
    rows = db.run_auto_commit("db/discard_publishing_ingest" if publishing else "db/discard_unfinished_ingest")
    found.nodes = rows[0]["discarded"] if rows else 0
    if found.ingests:
        db.write("db/end_unfinished_ingests")
    if publishing is not None:
        db.write("ingest/end_publishing")
    if found:
        log.warning("%s", found.describe())
    return found


def discard_network_run(db, publishing: str) -> dict[str, int]:
    """Remove what a store's first network run written in batches
    (:mod:`graph_service.analysis.network_batches`) stored before it failed or was killed (the
    guard's ``publishing`` names it), then lower the guard. Nothing was stored before that run,
    so every tie and membership is its own. Only while it is not running: under the ingest
    lock, which the run holds while it writes."""
    run_id = publishing[len(NETWORK_RUN_MARKER):]
    removed = {
        "ties": db.run_auto_commit("networks/discard_unfinished_ties")[0]["discarded"],
        "memberships": db.run_auto_commit("networks/discard_unfinished_members")[0]["discarded"],
        "networks": sum(row["networks"] for row in db.write_batch("networks/discard_unfinished_run", run_id=run_id)),
    }
    db.write("ingest/end_publishing")
    log.warning("removed what the unfinished network run %s had written (%s); the store is as it was before",
                run_id, ", ".join(f"{n} {what}" for what, n in removed.items()))
    return {"run_id": run_id, **removed}


#: Seconds a start waits to learn whether an ingest is running (holds the ingest lock).
START_WAIT = 5.0


def discard_at_start(db, wait: float = START_WAIT) -> Discarded | None:
    """At a start of the server or the dashboard: :func:`discard` what a killed ingest left,
    under the ingest lock. None, and nothing removed, when an ingest is running now (it holds
    the lock): what is staged may be its own, and it removes it itself if it fails."""
    if not db.lock_is_free("ingest", wait):
        log.info("an ingest is running: anything staged is left to it")
        return None
    with db.lock("ingest"):
        return discard(db)
