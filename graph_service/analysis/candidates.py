"""Child Abduction Warning Notice (CAWN) candidates: who, on which legal basis, and why.

The rules are pure functions over plain fact records (the dataclasses below), so every
boundary can be tested without a database; :func:`fetch_facts` reads the records from
Neo4j with the named statements in ``cypher/candidates/``. The service lists *candidates*
with the facts behind each line; a disruption lead decides, never the service.

For an as-of date ``D`` and a look-back window ``[D - lookback_days, D]`` (both ends
included), two people make a *candidate* pair when all of these hold:

* there is evidence of association between them (the child found with the person at the
  end of a missing episode, both named in one sighting, an ``associates_with`` link, or the
  child travelling in a vehicle the person uses) dated inside the window and not graded E;
* the younger is under 18 on ``D`` (the child) and the other is 18 or over (the adult);
* the child is under 16 (section 2, Child Abduction Act 1984: only when the adult is not a
  connected person) and/or under 18 and subject on ``D`` to a care order, interim care
  order, emergency protection order or police protection (section 49, Children Act 1989);
* no ``active`` notice is on record for the same adult and child.

Items dated after ``D`` do not exist for the run. Every other pair with evidence is listed
as excluded with one reason code and a sentence (see :data:`REASONS`), except pairs where
neither person is known to be under 18, which are not a matter for this list.

>>> D = date(2026, 10, 31)
>>> facts = Facts(
...     people=[Person("A1", date(1990, 1, 1)), Person("C1", date(2012, 5, 5))],
...     evidence=[Evidence(SIGHTING, "S1", ("C1", "A1"), date(2026, 9, 1), (Grade.recorded_fact("S1"),))],
... )
>>> result = evaluate(facts, as_of=D)
>>> [(c.adult_id, c.child_id, c.legal_bases) for c in result.candidates]
[('A1', 'C1', ['s2_caa_1984'])]

Reference: Child Abduction Act 1984 s2; Children Act 1989 s49; College of Policing, Child
Abduction Warning Notices (2019); ``docs/candidates.md``.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from typing import Iterable

from graph_service.db.values import to_date
from graph_service.grading import RECORDED_FACT, UNGRADED, evidence_weight, grade_label, grade_weight

# The legal words (the bases, who is connected with a child, which care statuses qualify) are
# the vocabulary's: the rules below only apply them.
from graph_service.vocabulary import CONNECTED_RELATIONS, LOOKED_AFTER_STATUSES, S2, S49, S49_STATUSES

#: Default look-back window in days: evidence older than this does not make a candidate.
LOOKBACK_DAYS = 365

# Kinds of evidence of association.
FOUND_WITH = "found_with"
SIGHTING = "sighting"
ASSOCIATES_WITH = "associates_with"
TRAVELLED_IN = "travelled_in"
EVIDENCE_KINDS = (FOUND_WITH, SIGHTING, ASSOCIATES_WITH, TRAVELLED_IN)

# Exclusion reason codes, in the order they are tested: the first that applies is given.
ADULT_AGE_UNKNOWN = "adult_age_unknown"
ADULT_UNDER_18 = "adult_under_18"
CHILD_NOT_ELIGIBLE = "child_not_eligible"
CONNECTED_PERSON = "connected_person"
NO_RECENT_EVIDENCE = "no_recent_evidence"
ACTIVE_NOTICE = "active_notice"
REASONS = {
    ADULT_AGE_UNKNOWN: "the other person's date of birth is not recorded, so they cannot be shown to be an adult",
    ADULT_UNDER_18: "the other person is under 18: a notice is served only on an adult",
    CHILD_NOT_ELIGIBLE: "the child is 16 or 17 and not subject to a qualifying order on the day",
    CONNECTED_PERSON: "the adult is connected with a child under 16 who has no qualifying order",
    NO_RECENT_EVIDENCE: "evidence exists but none qualifies inside the window",
    ACTIVE_NOTICE: "an active notice is already on record for this adult and child",
}

#: Score: each missing episode of the child in the window adds this much to the risk factor...
MISSING_EPISODE_FACTOR = 0.1
#: ...counting at most this many episodes...
MISSING_EPISODE_CAP = 5
#: ...and a child looked after on the day adds this much.
LOOKED_AFTER_FACTOR = 0.2


# --- facts -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    person_id: str
    dob: date | None = None
    name: str = ""


@dataclass(frozen=True)
class Grade:
    """The grade of one record behind an item of evidence."""

    record_id: str
    source_evaluation: str
    intelligence_assessment: str
    intel_id: str | None = None
    handling_code: str | None = None

    @classmethod
    def recorded_fact(cls, record_id: str) -> "Grade":
        """Sightings and missing episodes: recorded facts, graded 1A."""
        return cls(record_id, *RECORDED_FACT)

    @classmethod
    def of_link(cls, link_id: str, intel_id: str | None = None, source_evaluation: str | None = None,
                intelligence_assessment: str | None = None, handling_code: str | None = None) -> "Grade":
        """A ``link`` takes its intelligence report's grades; with no report it is ungraded (2D)."""
        if intel_id is None:
            return cls(link_id, *UNGRADED)
        return cls(link_id, str(source_evaluation), str(intelligence_assessment).upper(), intel_id, handling_code)

    @property
    def label(self) -> str:
        return grade_label(self.source_evaluation, self.intelligence_assessment)

    @property
    def counts(self) -> bool:
        """False for E (suspected false or malicious): such an item never counts."""
        return grade_weight(self.source_evaluation, self.intelligence_assessment) > 0


@dataclass(frozen=True)
class Evidence:
    """One item of evidence of association between two people.

    ``people`` is ordered as the record states it: the missing child and the person found
    with them; the two people of a sighting; a link's subject and object; the traveller and
    the vehicle's user. Which of them is the child is decided by age, not by this order.
    """

    kind: str
    item_id: str
    people: tuple[str, str]
    on: date | None
    grades: tuple[Grade, ...]
    vrm: str | None = None

    @property
    def counts(self) -> bool:
        return all(g.counts for g in self.grades)

    @property
    def related_ids(self) -> list[str]:
        """Records behind the item besides its own (the ``uses_vehicle`` link of a journey)."""
        return [g.record_id for g in self.grades if g.record_id != self.item_id]

    @property
    def intel_ids(self) -> list[str]:
        return [g.intel_id for g in self.grades if g.intel_id]

    def weight(self, as_of: date) -> float:
        """Grade weight times recency (graph_service.grading); a chain of records weighs as its
        weakest record."""
        return min(evidence_weight(g.source_evaluation, g.intelligence_assessment, self.on, as_of)
                   for g in self.grades)

    def describe(self) -> str:
        a, b = self.people
        grades = "/".join(g.label for g in self.grades)
        when = _iso(self.on) or "an undated record"
        if self.kind == FOUND_WITH:
            text = f"{a} was found with {b} at the end of missing episode {self.item_id} ({when})"
        elif self.kind == SIGHTING:
            text = f"{a} and {b} were named together in sighting {self.item_id} ({when})"
        elif self.kind == TRAVELLED_IN:
            text = (f"{a} travelled in vehicle {self.vrm} (link {self.item_id}, {when}), which {b} uses "
                    f"(link {', '.join(self.related_ids)})")
        else:
            text = f"link {self.item_id}: {a} associates with {b} ({when})"
        intel = f", intelligence {', '.join(self.intel_ids)}" if self.intel_ids else ""
        return f"{text}; graded {grades}{intel}."

    def to_dict(self) -> dict:
        item = {"kind": self.kind, "id": self.item_id, "date": _iso(self.on),
                "grades": [g.label for g in self.grades]}
        if self.intel_ids:
            item["intel_ids"] = self.intel_ids
        if self.kind == TRAVELLED_IN:
            item["vrm"] = self.vrm
            item["related_ids"] = self.related_ids
        return item


@dataclass(frozen=True)
class CareStatus:
    person_id: str
    status: str
    start_on: date
    end_on: date | None = None  # the last day in force; None = still in force

    def in_force(self, day: date) -> bool:
        """In force from ``start_on`` to ``end_on``, both days included."""
        return self.start_on <= day and (self.end_on is None or day <= self.end_on)


@dataclass(frozen=True)
class Relative:
    child_id: str
    relative_id: str
    relation: str

    @property
    def connected(self) -> bool:
        return self.relation in CONNECTED_RELATIONS


@dataclass(frozen=True)
class Notice:
    notice_id: str
    adult_id: str
    child_id: str
    basis: str
    issued_on: date
    status: str  # active / withdrawn / expired / breached: the status as recorded now


@dataclass(frozen=True)
class PermissionStatement:
    statement_id: str
    adult_id: str
    child_id: str
    made_on: date
    made_by_id: str | None = None


@dataclass(frozen=True)
class MissingEpisode:
    episode_id: str
    person_id: str
    reported_on: date


@dataclass
class Facts:
    """Everything the rules look at, as plain records."""

    people: Iterable[Person] = ()
    evidence: Iterable[Evidence] = ()
    care_statuses: Iterable[CareStatus] = ()
    relatives: Iterable[Relative] = ()
    notices: Iterable[Notice] = ()
    statements: Iterable[PermissionStatement] = ()
    missing_episodes: Iterable[MissingEpisode] = ()

    def __post_init__(self):
        self.people = {p.person_id: p for p in self.people}
        for name in ("evidence", "care_statuses", "relatives", "notices", "statements", "missing_episodes"):
            setattr(self, name, list(getattr(self, name)))


# --- the rules ----------------------------------------------------------------------------
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


# --- outcomes -----------------------------------------------------------------------------
@dataclass
class Candidate:
    adult_id: str
    child_id: str
    legal_bases: list[str]
    score: Score
    statement_held: bool
    evidence: list[Evidence]
    reasons: list[str]
    status = "candidate"

    def to_dict(self) -> dict:
        return {"adult_id": self.adult_id, "child_id": self.child_id, "legal_bases": list(self.legal_bases),
                "score": self.score.value, "statement_held": self.statement_held,
                "evidence": [item.to_dict() for item in self.evidence], "reasons": list(self.reasons)}


@dataclass
class Exclusion:
    adult_id: str
    child_id: str
    reason_code: str
    reason: str
    evidence: list[Evidence] = field(default_factory=list)  # every item that exists on the day
    status = "excluded"

    def to_dict(self) -> dict:
        return {"adult_id": self.adult_id, "child_id": self.child_id, "reason_code": self.reason_code,
                "reason": self.reason}


@dataclass
class NotListed:
    """A pair with evidence where neither person is known to be under 18: shown by explain only."""

    person_ids: tuple[str, str]
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    status = "not_listed"

    def to_dict(self) -> dict:
        return {"person_ids": list(self.person_ids), "status": self.status, "reason": self.reason,
                "evidence": [item.to_dict() for item in self.evidence]}


@dataclass
class CandidateList:
    as_of: date
    lookback_days: int
    candidates: list[Candidate]
    excluded: list[Exclusion]
    not_listed: list[NotListed] = field(default_factory=list)
    #: Display names of the people on the list (for printed packs and pages; not in ``to_dict``).
    names: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "candidates": [c.to_dict() for c in self.candidates],
                "excluded": [e.to_dict() for e in self.excluded]}

    def lines_of(self, person_id: str) -> list[Candidate | Exclusion | NotListed]:
        """Every pair of one person, listed or not, for ``--explain``."""
        lines: list = [c for c in self.candidates if person_id in (c.adult_id, c.child_id)]
        lines += [e for e in self.excluded if person_id in (e.adult_id, e.child_id)]
        lines += [n for n in self.not_listed if person_id in n.person_ids]
        return lines


def explain_dict(result: CandidateList, person_id: str) -> dict:
    """Every pair of ``person_id`` and why it is or is not listed, as plain data."""
    pairs = []
    for line in result.lines_of(person_id):
        if isinstance(line, NotListed):
            pairs.append(line.to_dict())
            continue
        entry = {"status": line.status, **line.to_dict()}
        if isinstance(line, Exclusion):
            entry["evidence"] = [item.to_dict() for item in line.evidence]
        pairs.append(entry)
    return {"as_of": result.as_of.isoformat(), "lookback_days": result.lookback_days,
            "person_id": person_id, "pairs": pairs}


# --- evaluation ---------------------------------------------------------------------------
class _Index:
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


def evaluate(facts: Facts, as_of: date, lookback_days: int = LOOKBACK_DAYS) -> CandidateList:
    """Judge every pair of people with evidence of association on ``as_of``.

    Candidates come sorted by score (highest first), then by IDs so equal scores keep a
    stable order; exclusions by IDs.
    """
    if lookback_days < 0:
        raise ValueError(f"lookback_days must be 0 or more, not {lookback_days}")
    index = _Index(facts, as_of, lookback_days)
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


def evaluate_pair(first: Person, second: Person, items: list[Evidence], index: _Index, as_of: date,
                  lookback_days: int) -> Candidate | Exclusion | NotListed:
    items = _newest_first([i for i in items if exists_on(i, as_of)])
    roles = assign_roles(first, second, as_of)
    if roles is None:
        return NotListed((first.person_id, second.person_id),
                         f"Neither {first.person_id} nor {second.person_id} is known to be under 18 on "
                         f"{as_of.isoformat()}.", items)
    adult, child = roles
    D = as_of.isoformat()
    child_age = age_on(child.dob, as_of)
    adult_age = age_on(adult.dob, as_of)

    def exclude(code: str, reason: str) -> Exclusion:
        return Exclusion(adult.person_id, child.person_id, code, reason, items)

    if adult_age is None:
        return exclude(ADULT_AGE_UNKNOWN, f"{adult.person_id} has no date of birth on record, so they cannot be "
                       f"shown to be 18 or over on {D}; a notice is served only on an adult.")
    if adult_age < 18:
        return exclude(ADULT_UNDER_18, f"{adult.person_id} is {adult_age} on {D}, under 18: a notice is served only "
                       f"on an adult. Refer the association between two children to safeguarding.")

    statuses = index.statuses.get(child.person_id, [])
    orders = qualifying_orders(statuses, child.person_id, as_of)
    connected = connection(index.relatives.get((child.person_id, adult.person_id), []),
                           child.person_id, adult.person_id)
    bases = legal_bases(child_age, orders, connected is not None)
    if not bases:
        if child_age < 16:
            return exclude(CONNECTED_PERSON, f"{adult.person_id} is the {_words(connected.relation)} of "
                           f"{child.person_id}, a connected person, so section 2 of the Child Abduction Act 1984 "
                           f"does not apply; {child.person_id} is not subject on {D} to an order that would bring "
                           f"section 49 of the Children Act 1989 into play.")
        return exclude(CHILD_NOT_ELIGIBLE, f"{child.person_id} is {child_age} on {D} and not subject on that day to a "
                       f"care order, interim care order, emergency protection order or police protection"
                       f"{_statuses_note(statuses, as_of)}.")

    qualifying = [i for i in items if qualifies(i, as_of, lookback_days)]
    if not qualifying:
        return exclude(NO_RECENT_EVIDENCE, _no_recent_evidence(items, as_of, lookback_days))

    active = active_notices(index.notices.get((adult.person_id, child.person_id), []),
                            adult.person_id, child.person_id, as_of)
    if active:
        n = active[0]
        return exclude(ACTIVE_NOTICE, f"Notice {n.notice_id} ({n.basis}, issued {n.issued_on.isoformat()}) is active "
                       f"for {adult.person_id} and {child.person_id}; a new notice would add nothing.")

    statements = [s for s in index.statements.get((adult.person_id, child.person_id), []) if s.made_on <= as_of]
    episodes = index.missing.get(child.person_id, [])
    looked_after = [s for s in statuses if s.status in LOOKED_AFTER_STATUSES and s.in_force(as_of)]
    result_score = score(qualifying, as_of, len(episodes), bool(looked_after))
    reasons = [f"{adult.person_id} is {adult_age} on {D} (18 or over)."]
    if S2 in bases:
        reasons.append(f"{child.person_id} is {child_age} on {D}, under 16, and {adult.person_id} is not a connected "
                       f"person: section 2, Child Abduction Act 1984.")
    if S49 in bases:
        order = orders[0]
        reasons.append(f"{child.person_id} is {child_age} on {D} and subject to {S49_STATUSES[order.status]} since "
                       f"{order.start_on.isoformat()}: section 49, Children Act 1989.")
        if connected is not None and child_age < 16:
            reasons.append(f"Section 2 does not apply: {adult.person_id} is the {_words(connected.relation)} of "
                           f"{child.person_id} (a connected person).")
    start = window_start(as_of, lookback_days).isoformat()
    reasons.append(f"{len(qualifying)} item{'s' if len(qualifying) != 1 else ''} of evidence of association "
                   f"between {start} and {D}, latest {_iso(qualifying[0].on)}.")
    reasons += [item.describe() for item in qualifying]
    ignored = len(items) - len(qualifying)
    if ignored:
        reasons.append(f"{ignored} further item{'s' if ignored != 1 else ''} outside the window or graded E "
                       f"{'do' if ignored != 1 else 'does'} not count.")
    for n in sorted(index.notices.get((adult.person_id, child.person_id), []), key=lambda n: n.issued_on):
        if n.issued_on <= as_of:
            reasons.append(f"Notice {n.notice_id} ({n.basis}, issued {n.issued_on.isoformat()}) is on record as "
                           f"{n.status}, not active.")
    if statements:
        s = max(statements, key=lambda s: s.made_on)
        reasons.append(f"Permission statement {s.statement_id} (made {s.made_on.isoformat()}) is held.")
    else:
        reasons.append("No permission statement is held: obtain one from the parent, carer or local authority "
                       "before a notice is served.")
    if episodes:
        reasons.append(f"{child.person_id} has {len(episodes)} missing episode{'s' if len(episodes) != 1 else ''} "
                       f"reported in the window.")
    if looked_after:
        reasons.append(f"{child.person_id} is looked after on {D} ({_words(looked_after[0].status)}).")
    reasons.append(f"Score {result_score.value}: evidence {result_score.evidence:.3f} x risk factor "
                   f"{result_score.risk_factor:.2f}.")
    return Candidate(adult.person_id, child.person_id, bases, result_score, bool(statements), qualifying, reasons)


def _newest_first(items: list[Evidence]) -> list[Evidence]:
    """Newest first, undated last, by ID within a day (the sort is stable, reverse too)."""
    by_id = sorted(items, key=lambda i: i.item_id)
    return sorted(by_id, key=lambda i: (i.on is not None, i.on or date.min), reverse=True)


def _no_recent_evidence(items: list[Evidence], as_of: date, lookback_days: int) -> str:
    start = window_start(as_of, lookback_days).isoformat()
    counting = [i for i in items if i.counts]
    head = f"No evidence of association qualifies between {start} and {as_of.isoformat()}"
    if not counting:
        ids = ", ".join(i.item_id for i in items)
        return f"{head}: the only evidence ({ids}) is graded E, suspected false or malicious, which never counts."
    dated = [i for i in counting if i.on is not None]
    if dated:
        latest = max(dated, key=lambda i: i.on)
        return f"{head}: the latest item, {latest.item_id}, is dated {latest.on.isoformat()}."
    return f"{head}: the evidence ({', '.join(i.item_id for i in counting)}) is undated."


def _statuses_note(statuses: list[CareStatus], as_of: date) -> str:
    notes = []
    for s in sorted(statuses, key=lambda s: s.start_on):
        if s.status == "accommodated_s20" and s.in_force(as_of):
            notes.append(f"accommodated under section 20 since {s.start_on.isoformat()}, which does not qualify")
        elif s.status in S49_STATUSES and s.end_on is not None and s.end_on < as_of:
            notes.append(f"{_words(s.status)} ended on {s.end_on.isoformat()}")
    return f" ({'; '.join(notes)})" if notes else ""


def _words(code: str) -> str:
    return code.replace("_s20", " (section 20)").replace("_", " ")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- facts from rows (the Cypher results) -------------------------------------------------
def facts_from_rows(people=(), links=(), found_with=(), sightings=(), journeys=(), care_statuses=(),
                    relatives=(), notices=(), statements=(), missing_episodes=()) -> Facts:
    """:class:`Facts` from the rows of the ``cypher/candidates/`` statements."""
    evidence: list[Evidence] = []
    for r in links:
        evidence.append(Evidence(ASSOCIATES_WITH, r["link_id"], (r["subject_id"], r["object_id"]), to_date(r["on"]),
                                 (_link_grade(r, "link_id", ""),)))
    for r in found_with:
        evidence.append(Evidence(FOUND_WITH, r["episode_id"], (r["child_id"], r["person_id"]), to_date(r["on"]),
                                 (Grade.recorded_fact(r["episode_id"]),)))
    for r in sightings:
        on = to_date(r["on"])
        for a, b in combinations(sorted(set(r["person_ids"])), 2):
            evidence.append(Evidence(SIGHTING, r["sighting_id"], (a, b), on, (Grade.recorded_fact(r["sighting_id"]),)))
    for r in journeys:
        evidence.append(Evidence(TRAVELLED_IN, r["link_id"], (r["traveller_id"], r["user_id"]), to_date(r["on"]),
                                 (_link_grade(r, "link_id", ""), _link_grade(r, "use_link_id", "use_")), r["vrm"]))
    return Facts(
        people=[Person(r["person_id"], to_date(r["dob"]), " ".join(filter(None, (r.get("forename"), r.get("surname")))))
                for r in people],
        evidence=evidence,
        care_statuses=[CareStatus(r["person_id"], r["status"], to_date(r["start_on"]), to_date(r["end_on"]))
                       for r in care_statuses],
        relatives=[Relative(r["child_id"], r["relative_id"], r["relation"]) for r in relatives],
        notices=[Notice(r["notice_id"], r["adult_id"], r["child_id"], r["basis"], to_date(r["issued_on"]), r["status"])
                 for r in notices],
        statements=[PermissionStatement(r["statement_id"], r["adult_id"], r["child_id"], to_date(r["made_on"]),
                                        r.get("made_by_id")) for r in statements],
        missing_episodes=[MissingEpisode(r["episode_id"], r["person_id"], to_date(r["on"])) for r in missing_episodes],
    )


def _link_grade(row: dict, id_field: str, prefix: str) -> Grade:
    return Grade.of_link(row[id_field], row.get(f"{prefix}intel_id"), row.get(f"{prefix}source_evaluation"),
                         row.get(f"{prefix}intelligence_assessment"), row.get(f"{prefix}handling_code"))


# --- from the database --------------------------------------------------------------------
EVIDENCE_STATEMENTS = {
    "links": "candidates/associates_with",
    "found_with": "candidates/found_with",
    "sightings": "candidates/sightings",
    "journeys": "candidates/travelled_in",
}
OTHER_STATEMENTS = {
    "people": "candidates/people",
    "relatives": "candidates/relatives",
    "care_statuses": "candidates/care_statuses",
    "notices": "candidates/notices",
    "statements": "candidates/permission_statements",
    "missing_episodes": "candidates/missing_episodes",
}


def child_born_after(as_of: date) -> date:
    """A date of birth after this may be under 18 on ``as_of`` (a day to spare for leap days):
    the database keeps such pairs and the rules decide exactly."""
    return _years_before(as_of, 18) - timedelta(days=1)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def fetch_facts(db, as_of: date, lookback_days: int = LOOKBACK_DAYS, person_ids: Iterable[str] | None = None) -> Facts:
    """Read the facts the rules need from Neo4j (items dated after ``as_of`` are left out).

    Without ``person_ids``: the evidence of every pair where one person may be under 18 (the
    list). With them: every pair that involves one of those people, whatever their ages (for
    ``--explain`` and disruption plans); other pairs are left out, as their evidence may be
    incomplete.
    """
    anchors = None if person_ids is None else sorted(set(person_ids))
    params = {"as_of": as_of, "window_start": window_start(as_of, lookback_days), "person_ids": anchors,
              "child_born_after": child_born_after(as_of)}
    rows = _read_all(db, EVIDENCE_STATEMENTS, params)
    named = set(anchors or ())
    for r in rows["links"]:
        named.update((r["subject_id"], r["object_id"]))
    for r in rows["found_with"]:
        named.update((r["child_id"], r["person_id"]))
    for r in rows["sightings"]:
        named.update(r["person_ids"])
    for r in rows["journeys"]:
        named.update((r["traveller_id"], r["user_id"]))
    # Everything else is read only for the people the evidence names.
    params.update(person_ids=sorted(named), relations=sorted(CONNECTED_RELATIONS))
    rows.update(_read_all(db, OTHER_STATEMENTS, params))
    facts = facts_from_rows(**rows)
    if anchors is not None:
        facts.evidence = [item for item in facts.evidence if not set(anchors).isdisjoint(item.people)]
    return facts


def _read_all(db, statements: dict[str, str], params: dict) -> dict[str, list[dict]]:
    """Rows of several named reads, run side by side (each in its own session): the server
    answers them on as many cores as it has."""
    with ThreadPoolExecutor(max_workers=len(statements)) as pool:
        futures = {name: pool.submit(db.read, statement, **params) for name, statement in statements.items()}
        return {name: future.result() for name, future in futures.items()}


def candidate_list(db, as_of: date | None = None, lookback_days: int = LOOKBACK_DAYS) -> CandidateList:
    """The candidate list for ``as_of`` (default today) from the graph in ``db``."""
    as_of = as_of or date.today()
    return evaluate(fetch_facts(db, as_of, lookback_days), as_of, lookback_days)


def explain(db, person_id: str, as_of: date | None = None, lookback_days: int = LOOKBACK_DAYS) -> dict:
    """Every pair of ``person_id`` and why it is or is not listed (see :func:`explain_dict`)."""
    as_of = as_of or date.today()
    facts = fetch_facts(db, as_of, lookback_days, person_ids=[person_id])
    return explain_dict(evaluate(facts, as_of, lookback_days), person_id)
