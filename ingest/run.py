"""One ingest, start to finish: read, check, stage in batches, publish in one transaction, report.

An example (it needs a database, so it is not a doctest; ``tests/test_ingest_*.py`` run
ingests against a real one)::

    report = ingest_paths(db, [Path("exports/")])
    report.created["person"], report.rejected       # (1200, 0)

All or nothing by default: if any record is rejected, :class:`IngestRejected` is raised and
nothing is written. With ``load_valid=True`` the valid records are loaded and the rejects
are returned in the report (and written to ``rejects``, when given). Either way, readers see
all of one invocation's records or none of them, at any size: new records are staged in
batches that no reader sees and published in one last transaction (:mod:`ingest.staging`),
so a process killed half way leaves the store, as readers see it, as it was; what it had
staged is removed by the next ingest (:mod:`graph_service.db.unfinished`). An ingest with
more new records than ``publish_batch`` is published in batches instead, while every read is
refused (:func:`ingest.staging.label_in_batches`).
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from graph_service.analysis import alerts
from graph_service.analysis.retention import due_dates
from graph_service.db import Database, unfinished
from graph_service.settings import Settings
from ingest import staging
from ingest.areas import link_locations
from ingest.checks import Batch
from ingest.readers import intake_files, read_file
from ingest.records import RECORD_TYPES
from ingest.rejects import IngestRejected, Reject, rejected_records, write_rejects

#: Inputs with fewer records than this load without a progress bar even when one is asked for.
PROGRESS_FROM = 10_000

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest read, wrote and turned away."""

    files: list[str] = field(default_factory=list)
    read: int = 0  # records read (valid or not)
    created: Counter = field(default_factory=Counter)  # per record type
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    rejects: list[Reject] = field(default_factory=list)
    written: bool = False  # False when nothing was committed
    alerts: list[str] = field(default_factory=list)  # IDs of alerts the new records raised
    seconds: float = 0.0

    @property
    def rejected(self) -> int:
        """Rejected records (a record with three problems counts once)."""
        return rejected_records(self.rejects)

    @property
    def loaded(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values()) + sum(self.unchanged.values())

    def to_dict(self) -> dict:
        return {
            "files": self.files,
            "read": self.read,
            "types": {
                kind: {"created": self.created[kind], "updated": self.updated[kind],
                       "unchanged": self.unchanged[kind]}
                for kind in RECORD_TYPES
            },
            "rejected": self.rejected,
            "rejects": [
                {"file": r.file, "line": r.line, "field": r.field, "reason": r.reason, "message": str(r)}
                for r in self.rejects
            ],
            "written": self.written,
            "alerts": self.alerts,
            "seconds": round(self.seconds, 3),
        }


def read_batch(paths: Iterable[Path], progress: bool = False) -> tuple[list[str], Batch]:
    """Read and validate every record of ``paths`` (files or directories): the batch of
    valid records, one per key, and the problems found so far (references not yet checked)."""
    files, problems = intake_files(paths)
    batch = Batch()
    for problem in problems:
        batch.add(problem)
    show = progress and sum(f.stat().st_size for f in files) > PROGRESS_FROM * 100
    with tqdm(desc="reading", unit=" records", disable=not show, mininterval=0.5) as bar:
        for path in files:
            for item in read_file(path):
                batch.add(item)
                bar.update()
    return [str(f) for f in files], batch


def ingest_paths(
    db: Database,
    paths: Iterable[Path],
    load_valid: bool = False,
    rejects: Path | None = None,
    progress: bool = False,
    publish_batch: int = Settings.publish_batch,
) -> IngestReport:
    """Ingest the intake files in ``paths`` (files, or directories of ``*.jsonl`` and
    ``<type>.csv``) into ``db``.

    Raises :class:`IngestRejected` (nothing written) when any record is rejected, unless
    ``load_valid``. ``rejects``: a file to write every problem to, one a line.
    ``publish_batch``: the most new records published in one transaction; more are published
    in batches of this size, with reads refused meanwhile (``GRAPH_SERVICE_PUBLISH_BATCH``).
    """
    began = time.monotonic()
    report = IngestReport()
    report.files, batch = read_batch(paths, progress)
    report.read = batch.read
    # lock: one ingest at a time, held from the reference checks to the publish. A second
    # ingest waits here, then checks its references against, and merges into, what this
    # one published.
    with db.lock("ingest"):
        unfinished.discard(db)  # what a killed ingest staged and never published
        due_dates.date_again(db)  # the stored review dates, if set under another policy (docs/retention.md)
        identities = staging.Identities()
        batch.check_references(lambda kind, ids: identities.look_up(db, kind, ids))
        report.rejects = sorted(batch.rejects, key=_position)
        if rejects is not None:
            write_rejects(rejects, report.rejects)
        if report.rejects and not load_valid:
            raise IngestRejected(report.rejects)  # nothing has been written
        records = batch.valid_records()
        total = sum(map(len, records.values()))
        new, existing = staging.split(db, records, identities)
        ingest_id = uuid.uuid4().hex
        try:
            with tqdm(total=total, desc="writing", unit=" records",
                      disable=not (progress and total >= PROGRESS_FROM), mininterval=0.5) as bar:
                db.write_batch("ingest/begin_staging", ingest_id=ingest_id, records=total)
                staged = staging.stage(db, new, identities, advance=bar.update)
                in_batches = staging.staged_nodes(staged) > publish_batch
                if progress and total >= PROGRESS_FROM:
                    bar.write(f"publishing in batches of {publish_batch:,}; reads are refused until it ends"
                              if in_batches else "publishing", file=sys.stderr)
                if in_batches:
                    staging.label_in_batches(db, ingest_id, publish_batch)
                with db.transaction() as tx:
                    written = staging.publish(tx, ingest_id, existing, staged, advance=bar.update,
                                              labelled=in_batches)
                    if staged.created["location"] or written.created["location"] or written.updated["location"]:
                        # places moved or came: their areas again, in the publishing transaction
                        link_locations(tx)
        except BaseException:
            # Nothing was published: remove what was staged now rather than at the next
            # ingest. (A process killed here leaves that to the next ingest.)
            try:
                unfinished.discard(db)
            except Exception:  # the store is unreachable: the next ingest removes it
                log.exception("could not remove what the failed ingest %s staged", ingest_id)
            raise
        unfinished.tidy_published(db)  # the staging marks, after the publish, in batches
    report.written = True
    # Alerts are evaluated after every ingest (docs/casework.md), once the records are committed.
    report.alerts = alerts.evaluate(db).created
    report.created = staged.created + written.created
    report.updated = written.updated
    for kind, items in records.items():
        report.unchanged[kind] = len(items) - report.created[kind] - report.updated[kind]
    report.seconds = time.monotonic() - began
    return report


def _position(reject: Reject) -> tuple:
    return reject.file, reject.line or 0
