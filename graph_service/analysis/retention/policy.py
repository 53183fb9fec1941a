"""The retention policy: when each kind of record is next reviewed, by record type and grade.

Police information is reviewed at set intervals and kept only while there is a policing
purpose (the College of Policing's Authorised Professional Practice on the Management of
Police Information, MoPI; Data Protection Act 2018, Part 3, sections 37 to 39 and 47). The
policy below is written once, as data: each line names a record type, perhaps a condition on
one fact of the record (its grade, a sighting's source), how many months after the record's
own date it is reviewed, and why. The first line that fits a record is its line.

The figures are a configurable starting point for a force's own review schedule, not legal
advice: a force sets its own with its data protection officer (``docs/retention.md``).

A record's review date is, in this order: the next review date set by the newest retention
decision on it (``graph-service review retain``), else the ``review_date`` its intake record
gave, else its own date plus its policy line's months. A record with no date of its own (a
person, vehicle, place or family tie) has no computed date: it is kept while the records that
name it are kept, and listed for review when given a date or retained.

>>> from datetime import date
>>> due = review_date("intel", date(2025, 1, 5), {"source_evaluation": "2", "intelligence_assessment": "E"})
>>> due.date, due.line.reason
(datetime.date(2026, 1, 5), 'intelligence graded E (suspected to be false or malicious): reviewed after 1 year')
>>> review_date("intel", date(2025, 1, 5), {}, given=date(2025, 6, 1)).why
'review_date given in the intake'
>>> review_date("person", None, {}) is None
True
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Mapping

#: The record types under review: every intake record type (docs/intake-format.md).
RECORD_TYPES = (
    "person", "vehicle", "location", "phone", "online_account", "intel", "link", "missing_episode",
    "sighting", "care_status", "family", "notice", "permission_statement", "cse_concern", "contact",
)


@dataclass(frozen=True)
class PolicyLine:
    """One line of the policy: records of ``record_type`` (whose fact ``field`` is one of
    ``values``, when a field is named) are reviewed ``months`` after their own date."""

    record_type: str
    months: int
    reason: str
    field: str | None = None
    values: tuple[str, ...] = ()

    def fits(self, record_type: str, facts: Mapping[str, object]) -> bool:
        return record_type == self.record_type and (self.field is None or facts.get(self.field) in self.values)

    def as_parameter(self) -> dict:
        """The line as a Cypher parameter (cypher/retention/ applies the same first-fit rule)."""
        return {"record_type": self.record_type, "months": self.months, "reason": self.reason,
                "field": self.field, "values": list(self.values)}


_YEAR = 12

#: The policy, first fitting line first. Intelligence that is suspected false, unreliable or
#: hearsay is reviewed sooner; records about children at risk on a two-year schedule; ANPR
#: reads after a year (the National ANPR Standards keep reads 12 months unless linked to an
#: investigation); everything else on the six-year cycle MoPI uses for most information.
POLICY: tuple[PolicyLine, ...] = (
    PolicyLine("intel", 1 * _YEAR, "intelligence graded E (suspected to be false or malicious): reviewed after 1 year",
               "intelligence_assessment", ("E",)),
    PolicyLine("intel", 2 * _YEAR, "intelligence from a source graded 3 (not reliable): reviewed after 2 years",
               "source_evaluation", ("3",)),
    PolicyLine("intel", 2 * _YEAR, "unsubstantiated intelligence (graded D: not known, hearsay): reviewed after 2 years",
               "intelligence_assessment", ("D",)),
    PolicyLine("intel", 6 * _YEAR, "graded intelligence (A to C): reviewed after 6 years"),
    PolicyLine("link", 1 * _YEAR, "a link from intelligence graded E: reviewed after 1 year",
               "intelligence_assessment", ("E",)),
    PolicyLine("link", 2 * _YEAR, "a link from a source graded 3 (not reliable): reviewed after 2 years",
               "source_evaluation", ("3",)),
    PolicyLine("link", 2 * _YEAR, "a link from unsubstantiated intelligence (graded D): reviewed after 2 years",
               "intelligence_assessment", ("D",)),
    PolicyLine("link", 6 * _YEAR, "a link (association, vehicle, place): reviewed after 6 years"),
    PolicyLine("contact", 1 * _YEAR, "a contact from intelligence graded E: reviewed after 1 year",
               "intelligence_assessment", ("E",)),
    PolicyLine("contact", 2 * _YEAR, "a contact from a source graded 3 (not reliable): reviewed after 2 years",
               "source_evaluation", ("3",)),
    PolicyLine("contact", 2 * _YEAR, "a contact from unsubstantiated intelligence (graded D): reviewed after 2 years",
               "intelligence_assessment", ("D",)),
    PolicyLine("contact", 6 * _YEAR, "a contact between phones or accounts: reviewed after 6 years"),
    PolicyLine("sighting", 1 * _YEAR, "an ANPR read: reviewed after 1 year", "source", ("anpr",)),
    PolicyLine("sighting", 3 * _YEAR, "a sighting (officer, partner, CCTV): reviewed after 3 years"),
    PolicyLine("missing_episode", 2 * _YEAR, "a child's missing episode: child at risk, reviewed every 2 years"),
    PolicyLine("cse_concern", 2 * _YEAR, "a child's level of CSE concern: child at risk, reviewed every 2 years"),
    PolicyLine("care_status", 2 * _YEAR, "a child's care status: child at risk, reviewed every 2 years"),
    PolicyLine("notice", 2 * _YEAR, "an abduction warning notice: reviewed every 2 years"),
    PolicyLine("permission_statement", 2 * _YEAR, "a permission statement (kept with notices): reviewed every 2 years"),
    PolicyLine("person", 6 * _YEAR, "a person: kept while records name them; reviewed 6 years after a decision"),
    PolicyLine("vehicle", 6 * _YEAR, "a vehicle: kept while records name it; reviewed 6 years after a decision"),
    PolicyLine("location", 6 * _YEAR, "a place: kept while records name it; reviewed 6 years after a decision"),
    PolicyLine("phone", 6 * _YEAR, "a phone: kept while records name it; reviewed 6 years after a decision"),
    PolicyLine("online_account", 6 * _YEAR,
               "an online account: kept while records name it; reviewed 6 years after a decision"),
    PolicyLine("family", 6 * _YEAR, "a family tie: kept with the people; reviewed 6 years after a decision"),
)


@dataclass(frozen=True)
class Due:
    """A record's review date and why it is that date."""

    date: date
    line: PolicyLine
    #: ``retained`` (a retention decision set it), ``given`` (the intake) or ``policy``.
    source: str

    @property
    def why(self) -> str:
        if self.source == "retained":
            return "next review set by a retention decision"
        if self.source == "given":
            return "review_date given in the intake"
        return self.line.reason


class NoPolicyLine(LookupError):
    """A record type the policy has no line for (a new intake type added without one)."""


def line_for(record_type: str, facts: Mapping[str, object]) -> PolicyLine:
    """The first policy line that fits a record of ``record_type`` with these ``facts``.

    >>> line_for("sighting", {"source": "anpr"}).months
    12
    >>> line_for("sighting", {"source": "officer"}).months
    36
    """
    for line in POLICY:
        if line.fits(record_type, facts):
            return line
    raise NoPolicyLine(f"the retention policy has no line for {record_type!r} records: add one to POLICY")


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, on the last day of a shorter month (31 Jan + 1 = 28/29 Feb).

    >>> add_months(date(2024, 1, 31), 1), add_months(date(2024, 2, 29), 12)
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))
    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_date(record_type: str, own_date: date | None, facts: Mapping[str, object], *,
                given: date | None = None, retained: date | None = None) -> Due | None:
    """When a record is next reviewed (see the module's description), or None when it has
    neither a date of its own nor a given or retained one."""
    line = line_for(record_type, facts)
    if retained is not None:
        return Due(retained, line, "retained")
    if given is not None:
        return Due(given, line, "given")
    if own_date is None:
        return None
    return Due(add_months(own_date, line.months), line, "policy")


def next_review_after_retention(record_type: str, facts: Mapping[str, object], decided_on: date) -> date:
    """The next review date a decision to retain sets: the record's policy period from the decision.

    >>> next_review_after_retention("notice", {}, date(2026, 12, 3))
    datetime.date(2028, 12, 3)
    """
    return add_months(decided_on, line_for(record_type, facts).months)


def policy_parameter() -> list[dict]:
    """The whole policy as a Cypher parameter, in order."""
    return [line.as_parameter() for line in POLICY]
