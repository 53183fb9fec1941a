"""Notices as they are read: a page of the list in order of concern, and one notice.

>>> concern_reason({"concern": 1, "status": "active", "issued_on": "2026-10-01", "breach_alerts": 0})
'active since 2026-10-01'
>>> concern_reason({"concern": 0, "status": "active", "issued_on": "2026-10-01", "breach_alerts": 2,
...                 "last_breach": "2026-10-09T21:00:00Z"})
'breached: 2 breach alerts, the latest on 2026-10-09'
>>> concern_reason({"concern": 2, "status": "withdrawn", "ended_on": "2026-11-02", "status_reason": "moved away"})
'withdrawn on 2026-11-02: moved away'
"""

from __future__ import annotations

from graph_service.db import Database

#: The order of concern the list follows: a notice breached (recorded so, or with breach alerts
#: raised while in force) first, then notices in force, then ended ones.
CONCERN_ORDER = ("breached", "active", "ended")


class NoSuchNotice(LookupError):
    """No notice with that ID is stored."""


def concern_reason(row: dict) -> str:
    """Why a notice stands where it does in the list, in a few words."""
    if row["concern"] == 0:
        count = row.get("breach_alerts") or 0
        if not count:
            return f"recorded as breached (notice of {row['issued_on']})"
        latest = (row.get("last_breach") or "")[:10]
        return f"breached: {count} breach alert{'s' if count != 1 else ''}, the latest on {latest}"
    if row["concern"] == 1:
        return f"active since {row['issued_on']}"
    when = f" on {row['ended_on']}" if row.get("ended_on") else ""
    why = f": {row['status_reason']}" if row.get("status_reason") else ""
    return f"{row['status']}{when}{why}"


def notices_page(db: Database, number: int, per_page: int) -> tuple[list[dict], int]:
    """Page ``number`` of the notices in order of concern, each with its ``reason``; the total."""
    (found,) = db.read("notices/page", skip=(number - 1) * per_page, limit=per_page)
    items = [{**row, "reason": concern_reason(row)} for row in found["items"]]
    return items, found["total"]


def notice(db: Database, notice_id: str) -> dict:
    """One notice with ``statements`` (made on or before its date) and ``breaches`` (alerts);
    :class:`NoSuchNotice` when there is none."""
    rows = db.read("notices/one", notice_id=notice_id)
    if not rows:
        raise NoSuchNotice(f"no notice {notice_id!r} is stored")
    row = rows[0]
    return {**row["notice"], "statements": row["statements"], "breaches": row["breaches"]}
