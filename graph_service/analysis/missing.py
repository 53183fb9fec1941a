"""Missing episodes over time: how long each lasted, whether the return interview came within
72 hours, and repeat missing (three episodes in 90 days).

Pure functions over plain values, so the person page, the alert rules and the tests share one
reading of the statutory guidance (children who run away or go missing from home or care: a
return interview within 72 hours of the child's return) and of the common local threshold for
repeat missing.

>>> from datetime import datetime, date, timezone
>>> found = datetime(2025, 3, 1, 20, tzinfo=timezone.utc)
>>> return_interview(found, date(2025, 3, 4), today=date(2025, 3, 10))
'in time'
>>> return_interview(found, date(2025, 3, 5), today=date(2025, 3, 10))
'late'
>>> return_interview(found, None, today=date(2025, 3, 3))
'due by 2025-03-04'
>>> return_interview(found, None, today=date(2025, 3, 5))
'overdue since 2025-03-04'
>>> duration_hours(datetime(2025, 3, 1, 9, tzinfo=timezone.utc), datetime(2025, 3, 1, 11, 30, tzinfo=timezone.utc))
2.5
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable, Iterable, TypeVar

from graph_service.vocabulary import REPEAT_MISSING_DAYS, REPEAT_MISSING_EPISODES, RETURN_INTERVIEW_HOURS

T = TypeVar("T")


def duration_hours(reported_at: datetime, found_at: datetime | None, recorded: float | None = None) -> float | None:
    """Hours from reported to found; the recorded duration when the child has no ``found_at``
    (a part-day absence from school); None while still missing."""
    if found_at is not None:
        return round((found_at - reported_at).total_seconds() / 3600, 1)
    return recorded


def interview_due_on(found_at: datetime) -> date:
    """The last day a return interview is in time: 72 hours after the child's return."""
    return (found_at + timedelta(hours=RETURN_INTERVIEW_HOURS)).date()


def return_interview(found_at: datetime | None, interview_on: date | None, today: date) -> str | None:
    """``in time``, ``late``, ``due by DATE`` or ``overdue since DATE``; None while missing."""
    if found_at is None:
        return None
    due = interview_due_on(found_at)
    if interview_on is not None:
        return "in time" if interview_on <= due else "late"
    return f"due by {due.isoformat()}" if today <= due else f"overdue since {due.isoformat()}"


def repeat_missing(reported: Iterable[T], at: Callable[[T], datetime] | None = None) -> list[tuple[T, list[T]]]:
    """Each episode that is at least the third within :data:`REPEAT_MISSING_DAYS` days, with the
    episodes of that window (oldest first), for one child's episodes.

    The one reading of repeat missing: the person page, the alert rules
    (:func:`graph_service.analysis.alerts.rules.repeat_missing`) and the problem profile call
    it. ``reported`` holds report times, or any records with ``at`` giving each one's report
    time; records with the same time keep the order they came in.

    >>> from datetime import timezone
    >>> days = [datetime(2025, 1, d, tzinfo=timezone.utc) for d in (1, 20)] + [datetime(2025, 3, 31, tzinfo=timezone.utc)]
    >>> [len(w) for _, w in repeat_missing(days)]
    [3]
    >>> repeat_missing(days[:2] + [datetime(2025, 4, 2, tzinfo=timezone.utc)])
    []
    >>> episodes = [{"id": "E1", "at": days[0]}, {"id": "E2", "at": days[1]}, {"id": "E3", "at": days[2]}]
    >>> [(e["id"], [w["id"] for w in window]) for e, window in repeat_missing(episodes, at=lambda e: e["at"])]
    [('E3', ['E1', 'E2', 'E3'])]
    """
    when = at or (lambda item: item)
    items = sorted(reported, key=when)
    times = [when(item) for item in items]
    found = []
    for i, item in enumerate(items):
        window = [other for other, t in zip(items[:i + 1], times[:i + 1], strict=True)
                  if times[i] - t <= timedelta(days=REPEAT_MISSING_DAYS)]
        if len(window) >= REPEAT_MISSING_EPISODES:
            found.append((item, window))
    return found
