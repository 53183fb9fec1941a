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
from typing import Iterable

from graph_service.vocabulary import REPEAT_MISSING_DAYS, REPEAT_MISSING_EPISODES, RETURN_INTERVIEW_HOURS


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


def repeat_missing(reported: Iterable[datetime]) -> list[tuple[datetime, list[datetime]]]:
    """Each episode that is at least the third within :data:`REPEAT_MISSING_DAYS` days, with the
    episodes of that window (oldest first), for one child's report times.

    >>> from datetime import timezone
    >>> days = [datetime(2025, 1, d, tzinfo=timezone.utc) for d in (1, 20)] + [datetime(2025, 3, 31, tzinfo=timezone.utc)]
    >>> [len(w) for _, w in repeat_missing(days)]
    [3]
    >>> repeat_missing(days[:2] + [datetime(2025, 4, 2, tzinfo=timezone.utc)])
    []
    """
    times = sorted(reported)
    found = []
    for i, when in enumerate(times):
        window = [t for t in times[:i + 1] if when - t <= timedelta(days=REPEAT_MISSING_DAYS)]
        if len(window) >= REPEAT_MISSING_EPISODES:
            found.append((when, window))
    return found
