"""What a disruption lead records about a notice, each followed by an evaluation of the alert
rules (a notice changes what is a breach).

``before_commit`` is called inside the transaction with what is about to be stored: the caller
writes its audit entry there, so the change is kept only once the entry is on disk. The
service never serves anything by itself: a notice is recorded by the person who served it, for
a pair a named reviewer approved (the newest decision on the pair).
"""

from __future__ import annotations

from graph_service.analysis import alerts
from graph_service.analysis.candidates import review
from graph_service.db import Database
from graph_service.vocabulary import NOTICE_ENDINGS


class NotApproved(review.ReviewError):
    """The newest decision on the pair is not an approval."""


def record_statement(db: Database, adult_id: str, child_id: str, made_by_id: str, made_on, *, user: str,
                     before_commit=None) -> dict:
    """The parent, carer or local authority (``made_by_id``, a stored person) stated on
    ``made_on`` that the adult has no permission to be with the child."""
    return review.record_permission_statement(db, adult_id, child_id, made_by_id, made_on, user=user,
                                              before_commit=before_commit)


def serve(db: Database, adult_id: str, child_id: str, basis: str, issued_on, served_by: str, *, user: str,
          before_commit=None) -> tuple[dict, list[str]]:
    """Record a notice served on ``issued_on`` by the officer ``served_by`` for an approved pair;
    the notice and the IDs of the alerts the evaluation after it raised."""
    if not (served_by or "").strip():
        raise review.ReviewError("served_by: is required (the officer who served the notice)")
    history = review.decision_history(db, adult_id, child_id)
    if not history or history[0]["decision"] != "approved":
        newest = f"the newest decision is {history[0]['decision']}" if history else "there is no decision"
        raise NotApproved(f"adult_id, child_id: a notice is recorded here for an approved candidate; "
                          f"{newest} on {adult_id} and {child_id}")
    served = review.record_notice_served(db, adult_id, child_id, basis, issued_on, user=user,
                                         served_by=served_by.strip(), before_commit=before_commit)
    return served, alerts.evaluate(db).created


def end(db: Database, notice_id: str, status: str, ended_on, reason: str, *, user: str,
        before_commit=None) -> tuple[dict, list[str]]:
    """Record a notice ``withdrawn`` or ``expired`` from ``ended_on``, with the reason; the notice
    and the IDs of the alerts the evaluation after it raised (a contact before the end may
    still be a breach; none after it is)."""
    if status not in NOTICE_ENDINGS:
        raise review.ReviewError(f"status: a notice ends withdrawn or expired, not {status!r}")
    if ended_on in (None, ""):
        raise review.ReviewError("ended_on: is required (the day the notice ended)")
    changed = review.record_notice_status(db, notice_id, status, reason, user=user, ended_on=ended_on,
                                          before_commit=before_commit)
    return changed, alerts.evaluate(db).created
