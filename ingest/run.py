"""One ingest, start to finish: read, check, write in one transaction, report.

An example (it needs a database, so it is not a doctest; ``tests/test_ingest_*.py`` run
ingests against a real one)::

    report = ingest_paths(db, [Path("exports/")])
    report.created["person"], report.rejected       # (1200, 0)

All or nothing by default: if any record is rejected, :class:`IngestRejected` is raised and
nothing is written. With ``load_valid=True`` the valid records are loaded and the rejects
are returned in the report (and written to ``rejects``, when given). Either way, every write
of one invocation happens inside one transaction, so a process killed half way leaves the
store as it was: the server rolls back what the dead connection had not committed.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from graph_service.analysis import alerts
from graph_service.db import Database
from ingest import writer
from ingest.areas import link_locations
from ingest.checks import Batch
from ingest.readers import intake_files, read_file
from ingest.records import RECORD_TYPES
from ingest.rejects import IngestRejected, Reject, rejected_records, write_rejects

#: Inputs with fewer records than this load without a progress bar even when one is asked for.
PROGRESS_FROM = 10_000


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
) -> IngestReport:
    """Ingest the intake files in ``paths`` (files, or directories of ``*.jsonl`` and
    ``<type>.csv``) into ``db``.

    Raises :class:`IngestRejected` (nothing written) when any record is rejected, unless
    ``load_valid``. ``rejects``: a file to write every problem to, one a line.
    """
    began = time.monotonic()
    report = IngestReport()
    report.files, batch = read_batch(paths, progress)
    report.read = batch.read
    # lock: one ingest at a time. The first statement waits while another ingest is writing,
    # so this one checks its references against, and merges into, what that one committed.
    with db.transaction(lock="ingest") as tx:
        batch.check_references(lambda kind, ids: writer.stored_ids(tx, kind, ids))
        report.rejects = sorted(batch.rejects, key=_position)
        if rejects is not None:
            write_rejects(rejects, report.rejects)
        if report.rejects and not load_valid:
            raise IngestRejected(report.rejects)  # leaving the block rolls the transaction back
        records = {kind: [a.record for a in by_key.values()] for kind, by_key in batch.records.items()}
        total = sum(map(len, records.values()))
        with tqdm(total=total, desc="writing", unit=" records", disable=not (progress and total >= PROGRESS_FROM),
                  mininterval=0.5) as bar:
            written = writer.write(tx, records, advance=bar.update)
        if written.created["location"] or written.updated["location"]:
            # places moved or came: their areas again, in the same transaction as the places
            link_locations(tx)
    report.written = True
    # Alerts are evaluated after every ingest (docs/casework.md), once the records are committed.
    report.alerts = alerts.evaluate(db).created
    report.created, report.updated = written.created, written.updated
    for kind, items in records.items():
        report.unchanged[kind] = len(items) - written.created[kind] - written.updated[kind]
    report.seconds = time.monotonic() - began
    return report


def _position(reject: Reject) -> tuple:
    return reject.file, reject.line or 0
