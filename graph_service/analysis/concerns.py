"""CSE concern levels on a child (the Pan-London protocol's Level 1, 2 and 3), over time.

Each assessment is a record of its own (``cse_concern``); the newest by ``assessed_on`` is
the child's current level, and the rest are its history. A level is an assessment of the
child's situation: it is shown and filtered on, and it is never on its own a reason to list
an adult as a candidate (no rule of :mod:`graph_service.analysis.candidates` reads it).

>>> history = [{"concern_id": "C1", "level": "1", "assessed_on": "2025-01-05"},
...            {"concern_id": "C2", "level": "3", "assessed_on": "2025-04-01"}]
>>> current(history)["level"]
'3'
>>> review_state({"review_on": "2025-05-01"}, today=date(2025, 6, 1))
'review overdue'
"""

from __future__ import annotations

from datetime import date

from graph_service.db import Database

#: Children a page of the concerns list shows.
PER_PAGE = 25


def current(history: list[dict]) -> dict | None:
    """The newest assessment (latest ``assessed_on``, then the higher ID), or None."""
    if not history:
        return None
    return max(history, key=lambda c: (c["assessed_on"], c["concern_id"]))


def review_state(concern: dict, today: date) -> str:
    """``review due DATE``, ``review overdue`` or ``no review date``."""
    if not concern.get("review_on"):
        return "no review date"
    return "review overdue" if date.fromisoformat(concern["review_on"]) < today else f"review due {concern['review_on']}"


def history(db: Database, person_id: str) -> list[dict]:
    """Every assessment of one child, newest first."""
    return db.read("casework/concern_history", person_id=person_id)


def children_page(db: Database, level: str | None, risk_factor: str | None, page: int,
                  per_page: int = PER_PAGE) -> tuple[list[dict], int]:
    """Children by their current level (highest first), filtered by ``level`` and a risk factor
    of the current assessment: one page of rows and the total."""
    rows = db.read("casework/current_concerns", level=level, risk_factor=risk_factor,
                   skip=(page - 1) * per_page, limit=per_page)
    total = rows[0]["total"] if rows else db.read("casework/current_concerns_count", level=level,
                                                   risk_factor=risk_factor)[0]["total"]
    return [{k: v for k, v in row.items() if k != "total"} for row in rows], total
