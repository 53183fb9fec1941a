"""The facts the candidate rules look at, as plain records (no database, no prose).

:class:`Facts` holds them all; :mod:`~graph_service.analysis.candidates.database` fills it
from the ``cypher/candidates/`` statements, tests build it by hand.

>>> item = Evidence(SIGHTING, "S1", ("C1", "A1"), date(2026, 9, 1), (Grade.recorded_fact("S1"),))
>>> item.counts, item.grades[0].label
(True, '1A')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from graph_service.grading import RECORDED_FACT, UNGRADED, evidence_weight, grade_label, grade_weight
from graph_service.vocabulary import CONNECTED_RELATIONS

# Kinds of evidence of association.
FOUND_WITH = "found_with"
SIGHTING = "sighting"
ASSOCIATES_WITH = "associates_with"
TRAVELLED_IN = "travelled_in"
CONTACT = "contact"
EVIDENCE_KINDS = (FOUND_WITH, SIGHTING, ASSOCIATES_WITH, TRAVELLED_IN, CONTACT)


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
    the vehicle's user; the users of a contact's "from" and "to" ends. Which of them is the
    child is decided by age, not by this order.

    A contact's ``grades`` are the contact's report, then each person's use of their end;
    ``ends`` names the two phones or accounts and ``means`` how they were in contact.
    """

    kind: str
    item_id: str
    people: tuple[str, str]
    on: date | None
    grades: tuple[Grade, ...]
    vrm: str | None = None
    ends: tuple[str, str] | None = None
    means: str | None = None

    @property
    def counts(self) -> bool:
        return all(g.counts for g in self.grades)

    @property
    def related_ids(self) -> list[str]:
        """Records behind the item besides its own (the ``uses_vehicle`` link of a journey, the
        ``uses_phone`` / ``uses_account`` links of a contact)."""
        return [g.record_id for g in self.grades if g.record_id != self.item_id]

    @property
    def intel_ids(self) -> list[str]:
        return [g.intel_id for g in self.grades if g.intel_id]

    def weight(self, as_of: date) -> float:
        """Grade weight times recency (graph_service.grading); a chain of records weighs as its
        weakest record."""
        return min(evidence_weight(g.source_evaluation, g.intelligence_assessment, self.on, as_of)
                   for g in self.grades)

    def to_dict(self) -> dict:
        item = {"kind": self.kind, "id": self.item_id, "date": iso(self.on),
                "grades": [g.label for g in self.grades]}
        if self.intel_ids:
            item["intel_ids"] = self.intel_ids
        if self.kind == TRAVELLED_IN:
            item["vrm"] = self.vrm
            item["related_ids"] = self.related_ids
        if self.kind == CONTACT:
            item["ends"] = list(self.ends or ())
            item["means"] = self.means
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


def iso(day: date | None) -> str | None:
    """A date as ``YYYY-MM-DD``; None stays None (an undated record)."""
    return day.isoformat() if day else None
