"""The area's local indicators by calendar month: pure functions over the profile's facts.

There is no national set of CSE performance indicators; these are the ones the graph holds
today (docs/areas.md lists those the intake format cannot give yet, such as prosecutions).
Figures about notices and disruption actions that only have a current state (a notice's status,
an action's due date) are given as they stand now, not by month.

>>> [(label, first.day, last.day) for label, first, last in months(date(2026, 1, 20), date(2026, 3, 5))]
[('2026-01', 20, 31), ('2026-02', 1, 28), ('2026-03', 1, 5)]
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from graph_service.analysis.profile.facts import Facts
from graph_service.analysis.profile.figures import repeat_missing
from graph_service.grading import INTELLIGENCE_ASSESSMENTS
from graph_service.vocabulary import RETURN_INTERVIEW_HOURS

#: Action statuses that close an action (``analysis.disruption.ACTION_STATUSES``).
CLOSED_ACTIONS = ("done", "dropped")
#: The monthly figures, in the order a table shows them, with their names in the users' words.
MONTHLY = {
    "missing_episodes": "missing episodes",
    "repeat_missing": "children repeat missing",
    "return_interviews": "return interviews recorded",
    "return_interviews_in_time": "return interviews within 72 hours",
    "intel_reports": "intelligence reports",
    **{f"intel_{a}": f"intelligence graded {a}" for a in INTELLIGENCE_ASSESSMENTS},
    "notices_issued": "abduction notices issued",
    "actions_opened": "disruption actions opened",
    "actions_completed": "disruption actions completed",
    "candidate_decisions": "candidate decisions",
}
#: The monthly figures drawn for each smaller area on a larger area's profile (small multiples).
SMALL_MULTIPLES = ("missing_episodes", "repeat_missing", "intel_reports")
#: Monthly figures that add up to another of the month (the grades to the reports).
INTEL_PARTS = {"intel_reports": tuple(f"intel_{a}" for a in INTELLIGENCE_ASSESSMENTS)}
#: A monthly figure that is part of another (interviews in time, of the interviews recorded).
RETURN_INTERVIEW_PARTS = {"return_interviews": ("return_interviews_in_time",)}


def months(start: date, end: date) -> list[tuple[str, date, date]]:
    """The calendar months the window touches, each clipped to the window: (``YYYY-MM``, first, last)."""
    found = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = max(start, date(year, month, 1))
        last = min(end, date(year, month, monthrange(year, month)[1]))
        found.append((f"{year:04d}-{month:02d}", first, last))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _within(day: date | None, first: date, last: date) -> bool:
    return day is not None and first <= day <= last


def month(facts: Facts, first: date, last: date) -> dict[str, int]:
    """The monthly figures (:data:`MONTHLY`) for the days ``first`` to ``last``."""
    episodes = [e for e in facts.episodes if _within(e["reported_on"], first, last)]
    interviewed = [e for e in episodes if e["return_interview_on"] is not None]
    intel = [i for i in facts.intel if _within(i["reported_on"], first, last)]
    return {
        "missing_episodes": len(episodes),
        "repeat_missing": len(repeat_missing(facts, first, last)),
        "return_interviews": len(interviewed),
        "return_interviews_in_time": sum(
            e["found_on"] is not None and 0 <= (e["return_interview_on"] - e["found_on"]).days <= RETURN_INTERVIEW_HOURS // 24
            for e in interviewed),
        "intel_reports": len(intel),
        **{f"intel_{a}": sum(i["intelligence_assessment"] == a for i in intel) for a in INTELLIGENCE_ASSESSMENTS},
        "notices_issued": sum(_within(n["issued_on"], first, last) for n in facts.notices),
        "actions_opened": sum(_within(a["opened_on"], first, last) for a in facts.actions),
        "actions_completed": sum(a["status"] == "done" and _within(a["changed_on"], first, last) for a in facts.actions),
        "candidate_decisions": sum(_within(d["decided_on"], first, last) for d in facts.decisions),
    }


def by_month(facts: Facts, start: date, end: date) -> list[dict]:
    """One object per calendar month of the window: ``month`` and the :data:`MONTHLY` figures."""
    return [{"month": label, **month(facts, first, last)} for label, first, last in months(start, end)]


def now(facts: Facts, today: date) -> dict[str, int]:
    """Figures that only have a current state: notices active and breached, actions overdue."""
    return {
        "notices_active": sum(n["status"] == "active" for n in facts.notices),
        "notices_breached": sum(n["status"] == "breached" for n in facts.notices),
        "actions_overdue": sum(a["status"] not in CLOSED_ACTIONS and a["due_on"] is not None and a["due_on"] < today
                               for a in facts.actions),
    }
