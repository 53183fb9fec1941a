"""The 3x5x2 intelligence grading and the one table that turns grades into weights.

Every score in the service (association-graph tie weights, candidate scores) weighs
evidence through :func:`evidence_weight`, so the table below is the single place to
review or change how much a grade counts. ``docs/grading.md`` shows it to users.

>>> grade_weight("1", "A")
1.0
>>> grade_weight("2", "E")      # suspected false or malicious: never counts
0.0
>>> round(evidence_weight("1", "A", date(2025, 1, 1), as_of=date(2026, 1, 1)), 3)
0.5

Reference: the national 3x5x2 intelligence grading (College of Policing, APP Intelligence
management); ``docs/grading.md``.
"""

from __future__ import annotations

from datetime import date

SOURCE_EVALUATIONS = ("1", "2", "3")  # reliable, untested, not reliable
INTELLIGENCE_ASSESSMENTS = ("A", "B", "C", "D", "E")  # known directly ... suspected false
HANDLING_CODES = ("P", "C")  # lawful sharing permitted / with conditions

#: Weight of one item of evidence by source evaluation (rows) and assessment (columns).
#: E is always 0: an item suspected to be false or malicious never raises a score.
WEIGHTS: dict[str, dict[str, float]] = {
    "1": {"A": 1.00, "B": 0.80, "C": 0.60, "D": 0.30, "E": 0.0},
    "2": {"A": 0.80, "B": 0.60, "C": 0.40, "D": 0.20, "E": 0.0},
    "3": {"A": 0.50, "B": 0.35, "C": 0.20, "D": 0.10, "E": 0.0},
}

#: Assessments that weigh nothing from any source (E: suspected false or malicious).
NEVER_COUNTS = [a for a in INTELLIGENCE_ASSESSMENTS if all(row[a] == 0 for row in WEIGHTS.values())]

#: Sightings and missing episodes are recorded facts, graded as reliable and direct.
RECORDED_FACT = ("1", "A")
#: A ``link`` with no intelligence report behind it: an untested source, not known directly.
UNGRADED = ("2", "D")
#: Evidence loses half its weight for every year of age.
HALF_LIFE_DAYS = 365


def grade_weight(source_evaluation: str, intelligence_assessment: str) -> float:
    """Weight of a grade from :data:`WEIGHTS`; ``ValueError`` for a grade that does not exist."""
    try:
        return WEIGHTS[str(source_evaluation)][str(intelligence_assessment).upper()]
    except KeyError:
        raise ValueError(f"no such grade: {source_evaluation}/{intelligence_assessment}") from None


def recency_factor(observed_on: date | None, as_of: date, half_life_days: float = HALF_LIFE_DAYS) -> float:
    """1.0 for evidence of ``as_of``, halving every ``half_life_days`` before it; undated: 0.5."""
    if observed_on is None:
        return 0.5
    age = max((as_of - observed_on).days, 0)
    return 0.5 ** (age / half_life_days)


def evidence_weight(
    source_evaluation: str,
    intelligence_assessment: str,
    observed_on: date | None,
    as_of: date,
    half_life_days: float = HALF_LIFE_DAYS,
) -> float:
    """Weight of one item of evidence: its grade's weight times its recency."""
    return grade_weight(source_evaluation, intelligence_assessment) * recency_factor(
        observed_on, as_of, half_life_days
    )


def grade_label(source_evaluation: str, intelligence_assessment: str) -> str:
    """``"1A"``-style label shown beside every fact."""
    return f"{source_evaluation}{intelligence_assessment}"


def strongest(labels) -> str | None:
    """The strongest of some ``"1A"``-style labels (by weight, then source)."""
    labels = [label for label in labels if label]
    return max(labels, key=lambda g: (grade_weight(g[0], g[1]), -int(g[0])), default=None)
