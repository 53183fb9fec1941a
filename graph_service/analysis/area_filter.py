"""The area filter of the networks and candidate lists (issue #14).

A MACSE meeting asks about its own council or ward, so the networks list and the abduction-notice
candidate list (their pages, the API, the commands and the exports) can be narrowed to one area.
Both use one definition of "in the area": a person is in it when their evidence lies at one of its
places (``cypher/areas/people_with_evidence.cypher``: named in a sighting there, missing or found
with a child at the end of a missing episode that ended there, or tied to a place there by an
intelligence link; intelligence graded E never counts). Then

- a **network** is in the area when one of its members is (the statement
  ``cypher/networks/list.cypher`` keeps them, in the same order of concern and with the same
  reasons, and ``cypher/networks/count.cypher`` counts them);
- a **candidate** line (and an excluded pair) is in the area when its adult or its child is
  (:func:`candidates_in_area`, over the list already worked out: the rules are not run again).

A place is in every area it is joined to, so a network or a pair can be in two areas at once; the
filter only narrows a list, it never changes an order, a score or a reason. The area is named as
everywhere else (its ID or its name, :func:`graph_service.analysis.profile.find_area`).

>>> from datetime import date
>>> from graph_service.analysis.candidates.outcomes import CandidateList
>>> whole = CandidateList(date(2026, 5, 1), 180, [], [], names={"A1": "Ann", "C1": "Cal"})
>>> candidates_in_area(whole, frozenset({"C1"})).names
{'A1': 'Ann', 'C1': 'Cal'}
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graph_service.analysis.candidates.outcomes import CandidateList
from graph_service.analysis.hotspots.stored import NEVER_COUNTS
from graph_service.analysis.profile import AreaNotFound, ProfileError, find_area

__all__ = ["AreaChoice", "AreaError", "AreaNotFound", "candidates_in_area", "choose_area", "people_in_area"]

#: An area named that cannot be used (a name two areas share): the message says which and why.
#: The problem profile resolves areas the same way, so its error is the one raised.
AreaError = ProfileError


@dataclass(frozen=True)
class AreaChoice:
    """An area a list is narrowed to: its ``area_id``, ``name`` and ``level``, and the IDs of the
    people whose evidence lies in it."""

    area_id: str
    name: str
    level: str
    people: frozenset[str]

    def as_json(self) -> dict:
        return {"area_id": self.area_id, "name": self.name, "level": self.level}


def people_in_area(db, area_id: str) -> frozenset[str]:
    """The IDs of the people whose evidence lies at a place in the area (see the module's notes)."""
    (row,) = db.read("areas/people_with_evidence", area_id=area_id, never_counts=NEVER_COUNTS)
    return frozenset(row["person_ids"])


def choose_area(db, area: str | None) -> AreaChoice | None:
    """The area named by ``area`` (an ID or a name) with its people; None when no area is asked
    for. :class:`AreaNotFound` when no loaded area has that ID or name, :class:`AreaError` when
    a name is used at two levels."""
    if area is None or not area.strip():
        return None
    found = find_area(db, area.strip())
    return AreaChoice(found["area_id"], found["name"], found["level"], people_in_area(db, found["area_id"]))


def candidates_in_area(result: CandidateList, people: frozenset[str]) -> CandidateList:
    """The candidate list narrowed to the pairs whose adult or child is among ``people``, in the
    same order and with the same reasons; the pairs that are not listed are narrowed the same
    way (they are read by ``--explain`` only). Pure: the list is never worked out again."""
    def inside(line) -> bool:
        return line.adult_id in people or line.child_id in people

    return replace(result, candidates=[c for c in result.candidates if inside(c)],
                   excluded=[e for e in result.excluded if inside(e)],
                   not_listed=[n for n in result.not_listed if people.intersection(n.person_ids)])
