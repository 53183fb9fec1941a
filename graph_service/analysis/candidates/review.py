"""What a disruption lead records about a candidate: a decision, a statement, a served notice.

Every function here is an explicit user action: the service never approves, obtains or
serves anything by itself. Each one validates its input, writes in one transaction, and
returns exactly what it wrote. Each takes ``before_commit``: called with what is about to be
stored, inside the transaction, so the caller writes its audit entry there and the change is
kept only once that entry is on disk (an exception from it rolls the change back).

* :func:`record_decision`: approve or reject a candidate line, with the reviewer's reason.
  Decisions are kept as a history (``CandidateReview`` nodes); the newest one counts.
* :func:`record_permission_statement`: the parent, carer or local authority stated that the
  adult has no permission to be with the child (creates a ``PermissionStatement``).
* :func:`record_notice_served`: a notice was served (creates an ``active`` ``Notice``).
* :func:`record_notice_status`: a notice was withdrawn, expired or breached.

An example (it needs a database, ``db`` from :func:`graph_service.db.connect`, so it is not
a doctest; ``tests/test_candidates_db.py`` runs the same calls)::

    review = record_decision(db, "P0012", "P0040", "approved", "found with the child twice",
                             user="d.lead", legal_bases=["s2_caa_1984"], score=1.42)
    review["review_id"], review["decision"]     # ('review-3f2a...', 'approved')
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Literal

from neo4j.exceptions import ConstraintError
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from graph_service.analysis.candidates import rules
from graph_service.analysis.candidates.facts import CareStatus, Relative
from graph_service.db.values import to_date
from graph_service.vocabulary import CONNECTED_RELATIONS, NOTICE_STATUSES
from graph_service.vocabulary import NOTICE_BASES as LEGAL_BASES

DECISIONS = ("approved", "rejected")


class ReviewError(ValueError):
    """A review action that cannot be recorded; the message names the field and the reason."""


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_missing(cls, value):
        return None if isinstance(value, str) and not value.strip() else value


class _Pair(_Input):
    adult_id: str
    child_id: str
    user: str

    @field_validator("child_id")
    @classmethod
    def _two_people(cls, child_id, info):
        if child_id == info.data.get("adult_id"):
            raise ValueError("the adult and the child must be two different people")
        return child_id


class _Decision(_Pair):
    decision: Literal["approved", "rejected"]
    reason: str
    as_of: date | None = None
    legal_bases: list[Literal["s2_caa_1984", "s49_ca_1989"]] = []
    score: float | None = None


class _Statement(_Pair):
    made_by_id: str
    made_on: date
    statement_id: str | None = None


class _Served(_Pair):
    basis: Literal["s2_caa_1984", "s49_ca_1989"]
    issued_on: date
    notice_id: str | None = None
    served_by: str | None = None


#: The statuses a notice may move from to each new status: only a notice in force ends (a
#: withdrawn notice is not withdrawn again), and only an ended one is in force again.
FROM_STATUSES = {"withdrawn": ("active", "breached"), "expired": ("active", "breached"),
                 "breached": ("active", "breached"), "active": ("withdrawn", "expired", "breached", "active")}


class _Status(_Input):
    notice_id: str
    status: Literal["active", "withdrawn", "expired", "breached"]
    reason: str
    user: str
    ended_on: date | None = None


def _validate(model: type[_Input], **values) -> _Input:
    try:
        return model(**values)
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "input"
        message = first["msg"]
        if first["type"] == "missing" or first.get("input") is None:
            message = "is required"
        elif first["type"].startswith("date"):
            message = f"{first.get('input')!r} is not a date (YYYY-MM-DD)"
        raise ReviewError(f"{where}: {message}") from None


def _now() -> datetime:
    return datetime.now(timezone.utc)  # microseconds: two decisions in one second stay in order


def _new_id(prefix: str) -> str:
    """Service-made IDs carry a prefix of their own so they never meet an imported ID."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def _require_people(tx, **people: str) -> None:
    ids = list(people.values())
    found = {row["person_id"] for row in tx.run("candidates/people_exist", person_ids=ids)}
    for field_name, person_id in people.items():
        if person_id not in found:
            raise ReviewError(f"{field_name}: no person with ID {person_id!r} is stored")


def _plain(record: dict) -> dict:
    """Driver values as Python ones: dates as ``date``, date-times as aware ``datetime``."""
    out = {}
    for key, value in record.items():
        out[key] = value.to_native() if hasattr(value, "to_native") else value
    return out


# --- decisions ----------------------------------------------------------------------------
def record_decision(db, adult_id: str, child_id: str, decision: str, reason: str, *, user: str,
                    as_of: date | None = None, legal_bases=(), score: float | None = None,
                    before_commit=None) -> dict:
    """Record a reviewer's decision on one candidate line (a new history entry).

    ``before_commit(review)`` runs with what is about to be stored, inside the transaction:
    the caller writes its audit entry there, so the decision is kept only once its audit
    entry is on disk, and not at all if that fails (the exception rolls it back).
    """
    given = _validate(_Decision, adult_id=adult_id, child_id=child_id, decision=decision, reason=reason,
                      user=user, as_of=as_of, legal_bases=list(legal_bases), score=score)
    with db.transaction() as tx:
        _require_people(tx, adult_id=given.adult_id, child_id=given.child_id)
        (row,) = tx.run("candidates/record_decision", review_id=_new_id("review"), adult_id=given.adult_id,
                        child_id=given.child_id, decision=given.decision, reason=given.reason,
                        decided_by=given.user, decided_at=_now(), as_of=given.as_of,
                        legal_bases=list(given.legal_bases), score=given.score)
        review = _plain(row["review"])
        if before_commit is not None:
            before_commit(review)
    return review


def decision_history(db, adult_id: str, child_id: str) -> list[dict]:
    """Every decision on the pair, newest first."""
    return [_plain(row["review"]) for row in db.read("candidates/decision_history", adult_id=adult_id,
                                                     child_id=child_id)]


def latest_decisions(db) -> dict[tuple[str, str], dict]:
    """The newest decision on each reviewed pair, keyed by ``(adult_id, child_id)``, to show
    beside the candidate list."""
    return {(row["review"]["adult_id"], row["review"]["child_id"]): _plain(row["review"])
            for row in db.read("candidates/latest_decisions")}


# --- statements and notices -----------------------------------------------------------------
def record_permission_statement(db, adult_id: str, child_id: str, made_by_id: str, made_on, *, user: str,
                                statement_id: str | None = None, before_commit=None) -> dict:
    """Record that ``made_by_id`` (parent, carer or local authority officer) stated on ``made_on``
    that the adult has no permission to be with the child."""
    given = _validate(_Statement, adult_id=adult_id, child_id=child_id, made_by_id=made_by_id,
                      made_on=made_on, user=user, statement_id=statement_id)
    if given.made_on > date.today():
        raise ReviewError(f"made_on: {given.made_on.isoformat()} is in the future")
    with db.transaction() as tx:
        _require_people(tx, adult_id=given.adult_id, child_id=given.child_id, made_by_id=given.made_by_id)
        rows = _create(tx, "candidates/record_permission_statement", "statement_id",
                       statement_id=given.statement_id or _new_id("statement"), adult_id=given.adult_id,
                       child_id=given.child_id, made_by_id=given.made_by_id, made_on=given.made_on,
                       recorded_by=given.user, recorded_at=_now())
        statement = _plain(rows[0]["statement"])
        if before_commit is not None:
            before_commit(statement)
    return statement


def record_notice_served(db, adult_id: str, child_id: str, basis: str, issued_on, *, user: str,
                         notice_id: str | None = None, served_by: str | None = None, before_commit=None) -> dict:
    """Record a notice served by the officer ``served_by`` on the adult for the child, ``active``
    from ``issued_on``. The basis must hold on that day (:func:`~.rules.basis_refusal`: the
    adult 18 or over; section 2 for a child under 16 and an adult not connected with them;
    section 49 for a child under 18 with an order in force), else nothing is written.

    The returned record has ``warnings`` (not stored) when something a reviewer should see
    is missing, such as a permission statement: the notice is recorded all the same, because
    it records what happened.
    """
    given = _validate(_Served, adult_id=adult_id, child_id=child_id, basis=basis, issued_on=issued_on,
                      user=user, notice_id=notice_id, served_by=served_by)
    if given.issued_on > date.today():
        raise ReviewError(f"issued_on: {given.issued_on.isoformat()} is in the future")
    with db.transaction() as tx:
        _require_people(tx, adult_id=given.adult_id, child_id=given.child_id)
        _require_basis(tx, given)
        statements = tx.run("candidates/statements_for_pair", adult_id=given.adult_id, child_id=given.child_id,
                            as_of=given.issued_on)
        rows = _create(tx, "candidates/record_notice", "notice_id",
                       notice_id=given.notice_id or _new_id("notice"), adult_id=given.adult_id,
                       child_id=given.child_id, basis=given.basis, issued_on=given.issued_on,
                       served_by=given.served_by, recorded_by=given.user, recorded_at=_now())
        notice = _plain(rows[0]["notice"])
        notice["warnings"] = [] if statements else [
            f"no permission statement for {given.adult_id} and {given.child_id} is recorded on or before "
            f"{given.issued_on.isoformat()}"]
        if before_commit is not None:
            before_commit(notice)
    return notice


def record_notice_status(db, notice_id: str, status: str, reason: str, *, user: str,
                         ended_on: date | str | None = None, before_commit=None) -> dict:
    """Record that a notice is now ``withdrawn``, ``expired``, ``breached`` (or ``active`` again).

    ``ended_on`` is the day a withdrawal or expiry took effect: on or after the notice's date,
    not in the future. Only a notice in force ends (:data:`FROM_STATUSES`).
    """
    given = _validate(_Status, notice_id=notice_id, status=status, reason=reason, user=user, ended_on=ended_on)
    if given.ended_on is not None and given.status not in ("withdrawn", "expired"):
        raise ReviewError(f"ended_on: only a withdrawn or expired notice has an end date, not one {given.status}")
    if given.ended_on is not None and given.ended_on > date.today():
        raise ReviewError(f"ended_on: {given.ended_on.isoformat()} is in the future")
    with db.transaction() as tx:
        found = tx.run("notices/status", notice_id=given.notice_id)
        if not found:
            raise ReviewError(f"notice_id: no notice with ID {given.notice_id!r} is stored")
        if found[0]["status"] not in FROM_STATUSES[given.status]:
            raise ReviewError(f"status: notice {given.notice_id} is {found[0]['status']}; "
                              f"it cannot become {given.status}")
        issued_on = to_date(found[0]["issued_on"])
        if given.ended_on is not None and issued_on is not None and given.ended_on < issued_on:
            raise ReviewError(f"ended_on: {given.ended_on.isoformat()} is before the notice's date, "
                              f"{issued_on.isoformat()}")
        rows = tx.run("candidates/record_notice_status", notice_id=given.notice_id, status=given.status,
                      reason=given.reason, changed_by=given.user, changed_at=_now(), ended_on=given.ended_on,
                      from_statuses=list(FROM_STATUSES[given.status]))
        notice = _plain(rows[0]["notice"])
        if before_commit is not None:
            before_commit(notice)
    return notice


def _require_basis(tx, given: _Served) -> None:
    """Refuse a basis that does not hold for this adult and child on the day of the notice."""
    (row,) = tx.run("notices/parties", adult_id=given.adult_id, child_id=given.child_id, on=given.issued_on)
    statuses = [CareStatus(given.child_id, s["status"], to_date(s["start_on"]), to_date(s["end_on"]))
                for s in row["care_statuses"]]
    connected = next((Relative(given.child_id, given.adult_id, relation) for relation in row["relations"]
                      if relation in CONNECTED_RELATIONS), None)
    refusal = rules.basis_refusal(given.basis, rules.age_on(to_date(row["adult_dob"]), given.issued_on),
                                  rules.age_on(to_date(row["child_dob"]), given.issued_on),
                                  rules.qualifying_orders(statuses, given.child_id, given.issued_on), connected)
    if refusal:
        raise ReviewError(f"basis: {refusal}")


def _create(tx, statement: str, key: str, **params) -> list[dict]:
    try:
        return tx.run(statement, **params)
    except ConstraintError:
        raise ReviewError(f"{key}: {params[key]!r} is already stored; give another ID") from None


__all__ = ["DECISIONS", "NOTICE_STATUSES", "LEGAL_BASES", "ReviewError", "record_decision", "decision_history",
           "latest_decisions", "record_permission_statement", "record_notice_served", "record_notice_status"]
