"""Entity resolution: people who may be recorded twice under different IDs.

Records with the same ID merge automatically (that is what an ID is for). Two IDs that may
be one person are never merged by the service: a wrong merge would attach one child's
history to another. :func:`possible_duplicates` lists them, with the reason, for a person to
decide. Three reasons, each on normalised names (case, accents, punctuation and spacing
ignored):

- ``same_name_and_dob``: same forename, surname and date of birth;
- ``transposed_names``: one's forename is the other's surname and the other way round, and
  the dates of birth do not disagree (equal, or one is unknown);
- ``alias_match``: an alias of one is the other's full name, or both use the same full-name
  alias, and the dates of birth do not disagree.

>>> people = [
...     {"person_id": "P1", "forename": "Zoë", "surname": "Hart", "dob": "2010-04-01", "aliases": None},
...     {"person_id": "P2", "forename": "zoe", "surname": "HART", "dob": "2010-04-01", "aliases": None},
...     {"person_id": "P3", "forename": "Hart", "surname": "Zoe", "dob": None, "aliases": None},
... ]
>>> [(d.person_a, d.person_b, d.reasons) for d in possible_duplicates(people)]
[('P1', 'P2', ['same_name_and_dob']), ('P1', 'P3', ['transposed_names']), ('P2', 'P3', ['transposed_names'])]

Grouping by key keeps this linear in the number of people (plus the pairs found).
Reference: Christen, *Data Matching* (Springer, 2012), ch. 4 on blocking.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Iterable

REASONS = {
    "same_name_and_dob": "same name and date of birth",
    "transposed_names": "forename and surname swapped",
    "alias_match": "an alias matches the other's name",
}

_APOSTROPHES = re.compile(r"['’`]")
_NOT_LETTERS = re.compile(r"[^\w]+|[\d_]+")


def normalise_name(name: str | None) -> str:
    """A name as compared: case, accents, apostrophes, hyphens and spacing ignored.

    >>> normalise_name("  O'Brien-Smith ")
    'obrien smith'
    >>> normalise_name("ZOË")
    'zoe'
    """
    if not name:
        return ""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_LETTERS.sub(" ", _APOSTROPHES.sub("", plain)).split())


@dataclass
class PossibleDuplicate:
    """Two people who may be one, and why; ``detail`` says which names matched."""

    person_a: str
    person_b: str
    reasons: list[str] = field(default_factory=list)
    detail: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"person_a": self.person_a, "person_b": self.person_b, "reasons": self.reasons,
                "detail": self.detail}


@dataclass
class _Person:
    person_id: str
    forename: str
    surname: str
    dob: Any
    aliases: list[str]
    shown: str  # the name as recorded, for detail lines

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}" if self.forename and self.surname else ""


def _people(rows: Iterable[dict]) -> list[_Person]:
    people = []
    for row in rows:
        forename, surname = row.get("forename") or "", row.get("surname") or ""
        people.append(_Person(
            person_id=row["person_id"], forename=normalise_name(forename), surname=normalise_name(surname),
            dob=row.get("dob"), aliases=[a for a in map(normalise_name, row.get("aliases") or []) if a],
            shown=f"{forename} {surname}".strip() or "(no name)",
        ))
    return people


def _dobs_agree(a: _Person, b: _Person) -> bool:
    return a.dob is None or b.dob is None or a.dob == b.dob


def possible_duplicates(rows: Iterable[dict]) -> list[PossibleDuplicate]:
    """Pairs of people who may be the same person, with reasons, sorted by ID.

    ``rows``: dicts with ``person_id``, ``forename``, ``surname``, ``dob``, ``aliases``.
    Never merges anything.
    """
    people = _people(rows)
    found: dict[tuple[str, str], PossibleDuplicate] = {}

    def note(a: _Person, b: _Person, reason: str, detail: str) -> None:
        if a.person_id == b.person_id:
            return
        first, second = sorted((a.person_id, b.person_id))
        pair = found.setdefault((first, second), PossibleDuplicate(first, second))
        if reason not in pair.reasons:
            pair.reasons.append(reason)
        if detail not in pair.detail:
            pair.detail.append(detail)

    by_name_and_dob: dict[tuple, list[_Person]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[_Person]] = defaultdict(list)
    by_full_name: dict[str, list[_Person]] = defaultdict(list)
    by_alias: dict[str, list[_Person]] = defaultdict(list)
    for person in people:
        if person.forename and person.surname:
            by_name[(person.forename, person.surname)].append(person)
            by_full_name[person.full_name].append(person)
            if person.dob is not None:
                by_name_and_dob[(person.forename, person.surname, person.dob)].append(person)
        for alias in set(person.aliases):
            if " " in alias:  # a full name; a one-word nickname alone says too little
                by_alias[alias].append(person)

    for group in by_name_and_dob.values():
        for a, b in combinations(group, 2):
            note(a, b, "same_name_and_dob", f"{a.person_id} {a.shown} = {b.person_id} {b.shown}, born {a.dob}")

    for (forename, surname), group in by_name.items():
        if forename == surname or (surname, forename) < (forename, surname):
            continue  # each swapped pair of names once
        for a in group:
            for b in by_name.get((surname, forename), ()):
                if _dobs_agree(a, b):
                    note(a, b, "transposed_names", f"{a.person_id} {a.shown} / {b.person_id} {b.shown}")

    for alias, group in by_alias.items():
        for a in group:
            for b in by_full_name.get(alias, ()):
                if _dobs_agree(a, b):
                    note(a, b, "alias_match", f"{a.person_id} alias {alias!r} is the name of {b.person_id}")
        for a, b in combinations(group, 2):
            if _dobs_agree(a, b):
                note(a, b, "alias_match", f"{a.person_id} and {b.person_id} both use the alias {alias!r}")

    return [found[key] for key in sorted(found)]
