"""Plans stored as ``DisruptionAction`` nodes that people own, date and progress.

Every function here is an explicit user action or a read of what people stored; the rules
never write. Each write runs in one transaction and takes ``before_commit`` for the caller's
audit entry (see :func:`save_plan`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Iterable

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from graph_service.analysis.disruption.tactics import TACTICS, Plan, PlanError

ACTION_STATUSES = ("proposed", "agreed", "in_progress", "done", "dropped")
#: A new action's review date: the next monthly MACSE meeting, roughly.
REVIEW_DAYS = 28


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def save_plan(db, plan: Plan, *, user: str, review_days: int = REVIEW_DAYS, before_commit=None) -> list[dict]:
    """Store the plan's proposals as ``DisruptionAction`` nodes and return the plan's actions.

    New actions start ``proposed``, unowned, due ``review_days`` after the as-of date. An
    action proposed again keeps what people set (owner, due date, status, notes) and gets the
    current facts; an earlier action the facts no longer support is kept, marked
    ``supported = false``, for people to close.

    ``before_commit(plan)`` runs inside the transaction, after the writes: the caller writes
    its audit entry there, so nothing is stored unless the entry is on disk first.
    """
    if not user or not user.strip():
        raise PlanError("user: is required")
    now = _now()
    actions = [{**a.to_dict(plan.plan_id), "due_on": plan.as_of + timedelta(days=review_days)}
               for a in plan.actions]
    with db.transaction() as tx:
        tx.write("disruption/save_plan", plan_id=plan.plan_id, scope=plan.scope.kind, scope_id=plan.scope.scope_id,
                 as_of=plan.as_of, lookback_days=plan.lookback_days, members=plan.scope.person_ids, user=user,
                 now=now, actions=actions)
        tx.write("disruption/unsupported_actions", plan_id=plan.plan_id,
                 action_ids=[a["action_id"] for a in actions], now=now)
        if before_commit is not None:
            before_commit(plan)
    return stored_actions(db, plan.plan_id)


def stored_actions(db, plan_id: str | None = None, status: str | None = None) -> list[dict]:
    """Stored actions (of one plan, or all), in plan, tactic and target order."""
    rows = db.read("disruption/actions", plan_id=plan_id, status=status)
    order = list(TACTICS)
    actions = [_plain(row["action"]) for row in rows]
    return sorted(actions, key=lambda a: (a["plan_id"], order.index(a["tactic"]) if a["tactic"] in order else len(order),
                                          a["target_kind"], a["target_id"]))


def people_named(actions: Iterable[dict]) -> list[str]:
    """Everyone stored actions name: person targets, and the people in the facts about
    vehicle and place targets (what an audit entry for showing them must list)."""
    named = (person for a in actions
             for person in ([a["target_id"]] if a["target_kind"] == "person" else []) + list(a.get("person_ids") or []))
    return list(dict.fromkeys(named))  # each once, in order of first mention


def stored_plans(db) -> list[dict]:
    """Every stored plan with its action counts, newest first."""
    return [_plain(row["plan"]) for row in db.read("disruption/plans")]


class _ActionChange(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    action_id: str
    user: str
    owner: str | None = None
    due_on: date | None = None
    status: str | None = None
    note: str | None = None

    @field_validator("status")
    @classmethod
    def _known_status(cls, status):
        if status is not None and status not in ACTION_STATUSES:
            raise ValueError(f"{status!r} is not one of {', '.join(ACTION_STATUSES)}")
        return status


def update_action(db, action_id: str, *, user: str, owner: str | None = None, due_on=None, status: str | None = None,
                  note: str | None = None, before_commit=None) -> dict:
    """Change an action's owner, due (review) date or status, or add a note; returns the
    action as stored plus ``changes`` (field: [old, new]) for the audit log.
    ``before_commit(changed)`` runs with that inside the transaction, for the audit entry
    (see :func:`save_plan`)."""
    try:
        change = _ActionChange(action_id=action_id, user=user, owner=owner or None, due_on=due_on or None,
                               status=status or None, note=note or None)
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"] if not first["type"].startswith("date") else \
            f"{first.get('input')!r} is not a date (YYYY-MM-DD)"
        raise PlanError(f"{where}: {message}") from None
    if not change.user:
        raise PlanError("user: is required")
    if not any((change.owner, change.due_on, change.status, change.note)):
        raise PlanError("nothing to change: give an owner, a due date, a status or a note")
    with db.transaction() as tx:
        before = tx.run("disruption/action", action_id=change.action_id)
        if not before:
            raise PlanError(f"action_id: no action with ID {change.action_id!r} is stored")
        old = _plain(before[0]["action"])
        note = f"{_now().isoformat()} {change.user}: {change.note}" if change.note else None
        (row,) = tx.run("disruption/update_action", action_id=change.action_id, owner=change.owner,
                        due_on=change.due_on, status=change.status, note=note, user=change.user, now=_now())
        new = _plain(row["action"])
        changes = {name: [old.get(name), new.get(name)] for name in ("owner", "due_on", "status")
                   if old.get(name) != new.get(name)}
        if note:
            changes["note"] = [None, note]
        changed = {**new, "changes": changes}
        if before_commit is not None:
            before_commit(changed)
    return changed


def _plain(record: dict) -> dict:
    return {key: value.to_native() if hasattr(value, "to_native") else value for key, value in record.items()}
