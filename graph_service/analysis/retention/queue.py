"""The review queue: records due for review, oldest first, and decisions to retain one.

Read with the named statements in ``cypher/retention/``; the policy (what is due when) is
:mod:`graph_service.analysis.retention.policy`, passed to the statements as a parameter so
that the policy is written in one place, and each record's date under it is stored on the
record (:mod:`graph_service.analysis.retention.due_dates`). Each item says why it is due (its policy line, or
that a date was given or set by a decision) and whom it names.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone

from graph_service.analysis.retention import policy
from graph_service.db import Database


class UnknownRecord(LookupError):
    """No stored record has that ID (of that type)."""


class AmbiguousRecord(LookupError):
    """The ID names records of several types: the caller must say which."""


@dataclass(frozen=True)
class Queue:
    """One page of the review queue: ``items`` of ``total`` due on or before ``due_by``."""

    items: list[dict]
    total: int
    due_by: date


def due(db: Database, due_by: date, page: int = 1, per_page: int = 25) -> Queue:
    """Records due for review on or before ``due_by``, oldest review date first (ties by type
    and ID), page ``page``; each item has ``record_type``, ``record_id``, ``review_date``,
    ``overdue_days``, ``why`` (the policy line, or where the date came from), ``source``,
    ``own_date`` and ``people`` (``person_id``, ``forename``, ``surname``).

    Read from the records' stored review dates (:mod:`.due_dates`): the page's records and the
    count of all due, from an index per record type, never every record. The caller makes sure
    the dates were set under the policy in force first (:func:`.due_dates.bring_up_to_date`)."""
    start = (page - 1) * per_page
    listed = db.read("retention/due_page", due_by=due_by, skip=start, limit=per_page)
    total = db.read("retention/due_count", due_by=due_by)[0]["total"]
    wanted = [{"record_type": i["record_type"], "record_id": i["record_id"]} for i in listed]
    found = {(r["record_type"], r["record_id"]): r for r in db.read("retention/record", records=wanted)} if wanted else {}
    named = {(r["record_type"], r["record_id"]): r["people"]
             for r in db.read("retention/people_named", records=wanted)} if wanted else {}
    items = []
    for item in listed:
        key = (item["record_type"], item["record_id"])
        record = found.get(key)
        if record is None:  # deleted between the two reads
            continue
        items.append({**item, **_due_of(record), "review_date": item["review_date"], "people": named.get(key, []),
                      "overdue_days": (due_by - date.fromisoformat(item["review_date"])).days})
    return Queue(items, total, due_by)


def review_date(record: dict) -> policy.Due | None:
    """A record's review date under the policy (a row of ``retention/record``)."""
    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    return policy.review_date(record["record_type"], day(record["own_date"]), record["facts"],
                              given=day(record["given"]), retained=day(record["retained"]))


def _due_of(record: dict) -> dict:
    """Why a record (a row of retention/record) is due."""
    found = review_date(record)
    return {"source": found.source, "own_date": record["own_date"], "reason": found.line.reason,
            "months": found.line.months, "why": _why(found.source, found.line.reason)}


def people_named(db: Database, record_type: str, record_id: str) -> list[dict]:
    """The people one record names (``person_id``, ``forename``, ``surname``), by ID."""
    rows = db.read("retention/people_named", records=[{"record_type": record_type, "record_id": record_id}])
    return rows[0]["people"] if rows else []


def _why(source: str, reason: str) -> str:
    if source == "retained":
        return f"next review set by a retention decision (policy: {reason})"
    if source == "given":
        return f"review_date given in the intake (policy: {reason})"
    return reason


def find(db: Database, record_id: str, record_type: str | None = None) -> dict:
    """The one stored record with this ID (and type), with its review date under the policy;
    :class:`UnknownRecord` or :class:`AmbiguousRecord` with a message naming the ID."""
    if record_type is not None and record_type not in policy.RECORD_TYPES:
        raise UnknownRecord(f"{record_type!r} is not a record type; the types are {', '.join(policy.RECORD_TYPES)}")
    rows = db.read("retention/record", records=[{"record_id": record_id, "record_type": record_type}])
    if not rows:
        kind = f"{record_type} record" if record_type else "record"
        raise UnknownRecord(f"no {kind} {record_id!r} is stored: check the ID in `graph-service review list`")
    if len(rows) > 1:
        types = ", ".join(r["record_type"] for r in rows)
        raise AmbiguousRecord(f"{record_id!r} is the ID of several records ({types}): say which with --type")
    found = dict(rows[0])
    found["due"] = review_date(found)
    return found


def retain(db: Database, record_id: str, reason: str, reviewer: str, record_type: str | None = None,
           today: date | None = None) -> dict:
    """Record a decision to retain a record: who, when, why, and its next review date by policy
    (the policy period from today). Returns ``decision_id``, ``record_type``, ``record_id``,
    ``next_review``. The reason must say something."""
    if not reason or not reason.strip():
        raise ValueError("reason: say why the record is still needed for a policing purpose")
    found = find(db, record_id, record_type)
    decided_at = datetime.now(timezone.utc)
    next_review = policy.next_review_after_retention(found["record_type"], found["facts"],
                                                     today or decided_at.date())
    statement = "retention/retain_family" if found["record_type"] == "family" else "retention/retain"
    with db.transaction() as tx:
        rows = tx.run(statement, record_type=found["record_type"], record_id=record_id,
                      decision_id=f"RD-{uuid.uuid4().hex[:12]}", reason=reason.strip(), decided_by=reviewer,
                      decided_at=decided_at.isoformat(), next_review=next_review)
    if not rows:  # deleted between the look-up and the write
        raise UnknownRecord(f"no {found['record_type']} record {record_id!r} is stored")
    return {**rows[0], "record_type": found["record_type"], "record_id": record_id}


def decisions(db: Database, record_type: str, record_id: str) -> list[dict]:
    """The retention decisions on a record, newest first."""
    return db.read("retention/decisions", record_type=record_type, record_id=record_id)
