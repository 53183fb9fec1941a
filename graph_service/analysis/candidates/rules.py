"""The legal rules of the candidate list, as pure functions over the fact records.

Each function answers one question the law or the College of Policing guidance asks (how old,
inside the window, which basis, connected or not, a notice already active); none writes a
sentence: the words that explain an answer are in
:mod:`~graph_service.analysis.candidates.explanation`.

>>> legal_bases(child_age=14, orders=[], connected=False)
['s2_caa_1984']
>>> legal_bases(child_age=14, orders=[], connected=True)
[]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

from graph_service.analysis.candidates.facts import CareStatus, Evidence, Notice, Person, Relative

# The legal words (the bases, which care statuses qualify) are the vocabulary's: the rules
# below only apply them.
from graph_service.vocabulary import S2, S49, S49_STATUSES

#: Default look-back window in days: evidence older than this does not make a candidate.
LOOKBACK_DAYS = 365

# Exclusion reason codes, in the order they are tested: the first that applies is given
# (their sentences are ``explanation.REASONS``).
ADULT_AGE_UNKNOWN = "adult_age_unknown"
ADULT_UNDER_18 = "adult_under_18"
CHILD_NOT_ELIGIBLE = "child_not_eligible"
CONNECTED_PERSON = "connected_person"
NO_RECENT_EVIDENCE = "no_recent_evidence"
ACTIVE_NOTICE = "active_notice"
REASON_CODES = (ADULT_AGE_UNKNOWN, ADULT_UNDER_18, CHILD_NOT_ELIGIBLE, CONNECTED_PERSON, NO_RECENT_EVIDENCE,
                ACTIVE_NOTICE)

#: Score: each missing episode of the child in the window adds this much to the risk factor...
MISSING_EPISODE_FACTOR = 0.1
#: ...counting at most this many episodes...
MISSING_EPISODE_CAP = 5
#: ...and a child looked after on the day adds this much.
LOOKED_AFTER_FACTOR = 0.2


def age_on(dob: date | None, day: date) -> int | None:
    """Age in whole years on ``day``; a birthday on ``day`` counts. None when the date of
    birth is unknown or after ``day``.

    >>> age_on(date(2010, 10, 31), date(2026, 10, 31))
    16
    >>> age_on(date(2010, 11, 1), date(2026, 10, 31))
    15
    """
    if dob is None or dob > day:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def window_start(as_of: date, lookback_days: int = LOOKBACK_DAYS) -> date:
    return as_of - timedelta(days=lookback_days)


def exists_on(item: Evidence, as_of: date) -> bool:
    """An item dated after the as-of date does not exist for that run; undated items do."""
    return item.on is None or item.on <= as_of


def in_window(on: date | None, as_of: date, lookback_days: int = LOOKBACK_DAYS) -> bool:
    """Inside ``[as_of - lookback_days, as_of]``, both ends included; an undated item never is."""
    return on is not None and window_start(as_of, lookback_days) <= on <= as_of


def qualifies(item: Evidence, as_of: date, lookback_days: int = LOOKBACK_DAYS) -> bool:
    """The item counts towards a candidate: inside the window and not graded E."""
    return item.counts and in_window(item.on, as_of, lookback_days)


def assign_roles(first: Person, second: Person, as_of: date) -> tuple[Person, Person] | None:
    """``(adult, child)`` for two people: the child is the younger if under 18 on ``as_of``.
    None when neither is known to be under 18 (such pairs are not for this list)."""
    ages = {p.person_id: age_on(p.dob, as_of) for p in (first, second)}
    under_18 = [p for p in (first, second) if ages[p.person_id] is not None and ages[p.person_id] < 18]
    if not under_18:
        return None
    if len(under_18) == 1:
        child = under_18[0]
    else:  # both children: the younger (later birth), ties broken by ID so the answer is stable
        child = max((first, second), key=lambda p: (p.dob, p.person_id))
    adult = second if child is first else first
    return adult, child


def qualifying_orders(statuses: Iterable[CareStatus], child_id: str, as_of: date) -> list[CareStatus]:
    """The child's care statuses in force on ``as_of`` that bring section 49 into play."""
    return [s for s in statuses if s.person_id == child_id and s.status in S49_STATUSES and s.in_force(as_of)]


def connection(relatives: Iterable[Relative], child_id: str, adult_id: str) -> Relative | None:
    """The family record that makes the adult a person connected with the child, if any."""
    return next((r for r in relatives if r.child_id == child_id and r.relative_id == adult_id and r.connected), None)


def legal_bases(child_age: int, orders: list[CareStatus], connected: bool) -> list[str]:
    """The bases a notice could rest on for a child of ``child_age`` (an adult assumed)."""
    bases = []
    if child_age < 16 and not connected:
        bases.append(S2)
    if child_age < 18 and orders:
        bases.append(S49)
    return bases


def basis_refusal(basis: str, adult_age: int | None, child_age: int | None, orders: list[CareStatus],
                  connected: Relative | None) -> str | None:
    """Why a notice cannot rest on ``basis`` for this adult and child on the day it is served,
    or None when it can: the person served is 18 or over; section 2 covers a child under 16 and a
    person not connected with the child; section 49 a child under 18 with an order in force
    (``orders``: see :func:`qualifying_orders`; ``connected``: see :func:`connection`, a
    family record that does not make a connected person, such as a foster carer's, counts for
    nothing).

    >>> basis_refusal(S2, 30, 15, [], None) is None
    True
    >>> basis_refusal(S2, 30, 16, [], None)
    'section 2 of the Child Abduction Act 1984 covers a child under 16; the child is 16 on the day'
    >>> basis_refusal(S49, 17, 15, [CareStatus("C", "care_order", date(2020, 1, 1))], None)
    'the person served must be 18 or over (refer a child to safeguarding); the adult is 17 on the day'
    """
    if adult_age is None:
        return "the adult has no date of birth on record, so they cannot be shown to be 18 or over"
    if adult_age < 18:
        return f"the person served must be 18 or over (refer a child to safeguarding); the adult is {adult_age} on the day"
    if child_age is None:
        return "the child has no date of birth on record, so neither basis can be shown to apply"
    if basis == S2 and child_age >= 16:
        return f"section 2 of the Child Abduction Act 1984 covers a child under 16; the child is {child_age} on the day"
    if basis == S2 and connected is not None and connected.connected:
        return (f"section 2 of the Child Abduction Act 1984 does not apply to a person connected with the child "
                f"(recorded as {connected.relation.replace('_', ' ')})")
    if basis == S49 and child_age >= 18:
        return f"section 49 of the Children Act 1989 covers a child under 18; the child is {child_age} on the day"
    if basis == S49 and not orders:
        return ("section 49 of the Children Act 1989 needs a care order, interim care order, emergency protection "
                "order or police protection in force on the day; none is recorded (accommodation under "
                "section 20 does not qualify)")
    if basis not in (S2, S49):
        return f"{basis!r} is not a legal basis; choose one of {S2}, {S49}"
    return None


def active_notices(notices: Iterable[Notice], adult_id: str, child_id: str, as_of: date) -> list[Notice]:
    """Notices issued by ``as_of`` and recorded as active for this adult and child. Withdrawn,
    expired or breached notices do not stop a new one."""
    return [n for n in notices if n.adult_id == adult_id and n.child_id == child_id
            and n.issued_on <= as_of and n.status == "active"]


@dataclass(frozen=True)
class Score:
    """How a candidate's score is made (see ``docs/candidates.md``).

    ``value = evidence * risk_factor`` where ``evidence`` sums, over the qualifying items,
    the grade weight times recency from :mod:`graph_service.grading` (so every repeated item
    adds, newer and better-graded items add more, E adds nothing), and ``risk_factor`` is
    ``1 + 0.1`` per missing episode of the child in the window (at most 5) ``+ 0.2`` when the
    child is looked after on the day. Nothing else enters it: never a protected characteristic.

    >>> Score(evidence=2.0, missing_episodes=7, looked_after=True).value
    3.4
    """

    evidence: float
    missing_episodes: int
    looked_after: bool

    @property
    def risk_factor(self) -> float:
        return (1.0 + MISSING_EPISODE_FACTOR * min(self.missing_episodes, MISSING_EPISODE_CAP)
                + (LOOKED_AFTER_FACTOR if self.looked_after else 0.0))

    @property
    def value(self) -> float:
        return round(self.evidence * self.risk_factor, 3)


def score(items: Iterable[Evidence], as_of: date, missing_episodes: int, looked_after: bool) -> Score:
    return Score(sum(item.weight(as_of) for item in items), missing_episodes, looked_after)
