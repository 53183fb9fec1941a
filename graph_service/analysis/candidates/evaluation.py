"""Judging every pair: the rules applied in their legal order, then the judgement put into words.

:func:`evaluate` groups the facts by pair (:class:`PairIndex`), :func:`judge_pair` applies the
rules of :mod:`~graph_service.analysis.candidates.rules` and records what they found in a
:class:`Judgement`, and :func:`evaluate_pair` turns that into a line of the list with the
sentences of :mod:`~graph_service.analysis.candidates.explanation`. A change to the law goes in
``judge_pair``; a change to the wording goes in ``explanation``.

>>> from graph_service.analysis.candidates.facts import SIGHTING, Grade
>>> D = date(2026, 10, 31)
>>> facts = Facts(people=[Person("A1", date(1990, 1, 1)), Person("C1", date(2009, 5, 5))],
...               evidence=[Evidence(SIGHTING, "S1", ("C1", "A1"), date(2026, 9, 1), (Grade.recorded_fact("S1"),))])
>>> [(e.child_id, e.reason_code) for e in evaluate(facts, as_of=D).excluded]
[('C1', 'child_not_eligible')]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from graph_service.analysis.candidates import explanation
from graph_service.analysis.candidates.facts import (
    CareStatus,
    Evidence,
    Facts,
    MissingEpisode,
    Notice,
    PermissionStatement,
    Person,
    Relative,
)
from graph_service.analysis.candidates.outcomes import Candidate, CandidateList, Exclusion, NotListed
from graph_service.analysis.candidates.rules import (
    ACTIVE_NOTICE,
    ADULT_AGE_UNKNOWN,
    ADULT_UNDER_18,
    CHILD_NOT_ELIGIBLE,
    CONNECTED_PERSON,
    LOOKBACK_DAYS,
    NO_RECENT_EVIDENCE,
    Score,
    active_notices,
    age_on,
    assign_roles,
    connection,
    exists_on,
    legal_bases,
    qualifies,
    qualifying_orders,
    score,
    window_start,
)
from graph_service.vocabulary import LOOKED_AFTER_STATUSES


class PairIndex:
    """The facts grouped by person and pair, so each pair is judged without scanning all."""

    def __init__(self, facts: Facts, as_of: date, lookback_days: int):
        self.people: dict[str, Person] = facts.people
        self.by_pair: dict[frozenset, list[Evidence]] = defaultdict(list)
        for item in facts.evidence:
            if item.people[0] != item.people[1] and exists_on(item, as_of):
                self.by_pair[frozenset(item.people)].append(item)
        self.statuses = _group(facts.care_statuses, lambda s: s.person_id)
        self.relatives = _group(facts.relatives, lambda r: (r.child_id, r.relative_id))
        self.notices = _group(facts.notices, lambda n: (n.adult_id, n.child_id))
        self.statements = _group(facts.statements, lambda s: (s.adult_id, s.child_id))
        start = window_start(as_of, lookback_days)
        self.missing = _group((e for e in facts.missing_episodes if start <= e.reported_on <= as_of),
                              lambda e: e.person_id)

    def person(self, person_id: str) -> Person:
        return self.people.get(person_id) or Person(person_id)


def _group(records, key) -> dict:
    grouped = defaultdict(list)
    for record in records:
        grouped[key(record)].append(record)
    return grouped


@dataclass
class Judgement:
    """What the rules found about one adult and one child, as far as they got.

    ``exclusion`` is the reason code of the first rule that fails (None for a candidate); the
    fields after it are filled only once the rules have come that far.
    """

    adult: Person
    child: Person
    as_of: date
    lookback_days: int
    items: list[Evidence]  # every item that exists on the day, newest first
    adult_age: int | None
    child_age: int
    exclusion: str | None = None
    statuses: list[CareStatus] = field(default_factory=list)  # the child's, whatever their kind
    orders: list[CareStatus] = field(default_factory=list)  # those that bring section 49 into play
    connected: Relative | None = None
    bases: list[str] = field(default_factory=list)
    qualifying: list[Evidence] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # every notice on record for the pair
    active: list[Notice] = field(default_factory=list)
    statements: list[PermissionStatement] = field(default_factory=list)  # made by the as-of date
    missing_episodes: list[MissingEpisode] = field(default_factory=list)  # the child's, in the window
    looked_after: list[CareStatus] = field(default_factory=list)
    score: Score | None = None


def judge_pair(adult: Person, child: Person, items: list[Evidence], index: PairIndex, as_of: date,
               lookback_days: int) -> Judgement:
    """Apply the rules to an adult and a child in the order of the reason codes; stop at the
    first that excludes the pair."""
    found = Judgement(adult, child, as_of, lookback_days, items, age_on(adult.dob, as_of), age_on(child.dob, as_of))
    if found.adult_age is None:
        found.exclusion = ADULT_AGE_UNKNOWN
        return found
    if found.adult_age < 18:
        found.exclusion = ADULT_UNDER_18
        return found

    found.statuses = index.statuses.get(child.person_id, [])
    found.orders = qualifying_orders(found.statuses, child.person_id, as_of)
    found.connected = connection(index.relatives.get((child.person_id, adult.person_id), []),
                                 child.person_id, adult.person_id)
    found.bases = legal_bases(found.child_age, found.orders, found.connected is not None)
    if not found.bases:
        found.exclusion = CONNECTED_PERSON if found.child_age < 16 else CHILD_NOT_ELIGIBLE
        return found

    found.qualifying = [i for i in items if qualifies(i, as_of, lookback_days)]
    if not found.qualifying:
        found.exclusion = NO_RECENT_EVIDENCE
        return found

    found.notices = index.notices.get((adult.person_id, child.person_id), [])
    found.active = active_notices(found.notices, adult.person_id, child.person_id, as_of)
    if found.active:
        found.exclusion = ACTIVE_NOTICE
        return found

    found.statements = [s for s in index.statements.get((adult.person_id, child.person_id), []) if s.made_on <= as_of]
    found.missing_episodes = index.missing.get(child.person_id, [])
    found.looked_after = [s for s in found.statuses if s.status in LOOKED_AFTER_STATUSES and s.in_force(as_of)]
    found.score = score(found.qualifying, as_of, len(found.missing_episodes), bool(found.looked_after))
    return found


def evaluate_pair(first: Person, second: Person, items: list[Evidence], index: PairIndex, as_of: date,
                  lookback_days: int) -> Candidate | Exclusion | NotListed:
    """One line of the list for two people with evidence of association: judged, then explained."""
    items = newest_first([i for i in items if exists_on(i, as_of)])
    roles = assign_roles(first, second, as_of)
    if roles is None:
        return NotListed((first.person_id, second.person_id), explanation.not_listed_reason(first, second, as_of),
                         items)
    adult, child = roles
    found = judge_pair(adult, child, items, index, as_of, lookback_days)
    if found.exclusion is not None:
        return Exclusion(adult.person_id, child.person_id, found.exclusion, explanation.exclusion_reason(found),
                         items)
    return Candidate(adult.person_id, child.person_id, found.bases, found.score, bool(found.statements),
                     found.qualifying, explanation.candidate_reasons(found))


def evaluate(facts: Facts, as_of: date, lookback_days: int = LOOKBACK_DAYS) -> CandidateList:
    """Judge every pair of people with evidence of association on ``as_of``.

    Candidates come sorted by score (highest first), then by IDs so equal scores keep a
    stable order; exclusions by IDs.
    """
    if lookback_days < 0:
        raise ValueError(f"lookback_days must be 0 or more, not {lookback_days}")
    index = PairIndex(facts, as_of, lookback_days)
    candidates, excluded, not_listed = [], [], []
    for pair, items in index.by_pair.items():
        first, second = sorted(pair)
        line = evaluate_pair(index.person(first), index.person(second), items, index, as_of, lookback_days)
        {Candidate: candidates, Exclusion: excluded, NotListed: not_listed}[type(line)].append(line)
    candidates.sort(key=lambda c: (-c.score.value, c.adult_id, c.child_id))
    excluded.sort(key=lambda e: (e.adult_id, e.child_id))
    not_listed.sort(key=lambda n: n.person_ids)
    listed = {p for line in candidates + excluded for p in (line.adult_id, line.child_id)}
    names = {p: index.people[p].name for p in sorted(listed) if p in index.people and index.people[p].name}
    return CandidateList(as_of, lookback_days, candidates, excluded, not_listed, names)


def newest_first(items: list[Evidence]) -> list[Evidence]:
    """Newest first, undated last, by ID within a day (the sort is stable, reverse too)."""
    by_id = sorted(items, key=lambda i: i.item_id)
    return sorted(by_id, key=lambda i: (i.on is not None, i.on or date.min), reverse=True)
