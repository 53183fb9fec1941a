"""Alerts and watches as stored in Neo4j: writing what an evaluation raised, an inbox a page at
a time, acknowledging with a note, and the watches analysts set."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone

from graph_service.analysis.alerts import rules
from graph_service.analysis.alerts.rules import Alert
from graph_service.db import Database
from graph_service.security.roles import GRANTS

#: What a watch may watch, and the stored record each names.
TARGET_KINDS = ("person", "vehicle", "place")
BATCH = 5_000


class NoSuchAlert(LookupError):
    """No alert with that ID in this user's inbox."""


class NoSuchTarget(LookupError):
    """The person, vehicle or place to watch is not stored."""


def recipients(user: str | None, role: str | None) -> list[str]:
    """The inbox addresses of a user: their own, and each ability their role grants. None at
    all for a role the disclosure rules keep casework from (partners, administrators)."""
    from graph_service import disclosure  # imported here: it brings the geospatial stack

    if not disclosure.receives_casework(role):
        return []
    found = [f"user:{user}"] if user else []
    return found + [f"role:{ability}" for ability in sorted(GRANTS.get(role or "", ()))]


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


def save(db: Database, alerts: list[Alert]) -> list[str]:
    """Store the alerts not stored yet; the IDs of those that are new."""
    created = []
    rows = [{**a.to_dict(), "evidence": json.dumps(list(a.evidence), sort_keys=True)} for a in alerts]
    with db.transaction() as tx:
        for start in range(0, len(rows), BATCH):
            created += tx.run("alerts/store", rows=rows[start:start + BATCH], now=now())[0]["created"]
    return created


@dataclass(frozen=True)
class Inbox:
    items: list[dict]
    total: int
    unread: int


def inbox(db: Database, to: list[str], page: int, per_page: int, kind: str | None = None) -> Inbox:
    """One page of the alerts for ``to`` (see :func:`recipients`): unacknowledged first, in
    order of concern (:data:`~.rules.CONCERN_ORDER`), newest first within a kind."""
    rows = db.read("alerts/inbox", recipients=to, kind=kind, kind_order=list(rules.CONCERN_ORDER),
                   skip=(page - 1) * per_page, limit=per_page)
    if rows:
        total, unread = rows[0]["total"], rows[0]["unread"]
    else:
        counted = db.read("alerts/inbox_count", recipients=to, kind=kind)[0]
        total, unread = counted["total"], counted["unread"]
    items = [{**{k: v for k, v in row.items() if k not in ("total", "unread")},
              "evidence": json.loads(row["evidence"] or "[]"), "read": row["acknowledged_at"] is not None}
             for row in rows]
    return Inbox(items, total, unread)


def acknowledge(db: Database, alert_id: str, to: list[str], by: str, note: str) -> dict:
    """Acknowledge an alert of this inbox with a note; :class:`NoSuchAlert` when there is none."""
    with db.transaction() as tx:
        rows = tx.run("alerts/acknowledge", alert_id=alert_id, recipients=to, by=by, note=note, now=now())
    if not rows:
        raise NoSuchAlert(f"no alert {alert_id!r} in this inbox")
    return rows[0]


def watch_id(user: str, target_kind: str, target_id: str) -> str:
    return "W-" + hashlib.sha256(f"{user}|{target_kind}|{target_id}".encode()).hexdigest()[:12]


def add_watch(db: Database, user: str, target_kind: str, target_id: str, reason: str | None = None,
              since: date | None = None) -> dict:
    """``user`` watches a stored person, vehicle (by registration) or place from ``since`` (today)."""
    if target_kind not in TARGET_KINDS:
        raise ValueError(f"a watch is on one of: {', '.join(TARGET_KINDS)}")
    if target_kind == "vehicle":
        target_id = "".join(target_id.split()).upper()
    with db.transaction() as tx:
        rows = tx.run("alerts/add_watch", watch_id=watch_id(user, target_kind, target_id), user=user,
                      target_kind=target_kind, target_id=target_id, reason=reason,
                      since=(since or date.today()).isoformat())
    if not rows:
        raise NoSuchTarget(f"no {target_kind} {target_id!r} is stored")
    return {**rows[0], "user": user, "target_kind": target_kind, "target_id": target_id}


def remove_watch(db: Database, user: str, watch: str) -> bool:
    with db.transaction() as tx:
        return tx.run("alerts/remove_watch", watch_id=watch, user=user)[0]["removed"] > 0


def watches_of(db: Database, user: str | None) -> list[dict]:
    return db.read("alerts/watches_of", user=user)
