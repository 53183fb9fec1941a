"""The evidence graph: people, vehicles and places joined by the evidence about them.

Paths between two entities and the link chart both walk it one hop at a time with one named
statement (``cypher/workspace/hops.cypher``): every item of evidence that joins an entity to
another, with its grade, handling code and date. A hop between two entities is all the items
that join them, so every line an analyst sees carries its evidence and grades.

Kinds of link: the intake format's ``link`` relations (graded by the report behind each) and
the recorded facts, which weigh as ``1A`` (``docs/grading.md``):

==================  ==========================================================
``seen_together``   two people in the same sighting
``sighted_at``      a person or vehicle in a sighting at a place
``sighted_in``      a person seen in a vehicle in a sighting
``found_with``      a missing child and a person they were found with (or two
                    people found with the same child)
``found_at``        a missing child, or a person found with them, and the place
                    where the child was found
==================  ==========================================================

>>> grades_at_least("2B")          # weight 0.6 or more (1C weighs 0.6 too)
['1A', '1B', '1C', '2A', '2B']
>>> "1E" in grades_at_least(None)    # E never counts, whatever the filter
False
>>> Entity.parse("vehicle:ab12 cde")
Entity(kind='vehicle', id='AB12CDE')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph_service import grading
from graph_service.db import Database
from graph_service.vocabulary import ENTITY_TYPES, LINK_RELATIONS
from ingest.fields import normalise_reference, normalise_vrm

#: Kinds of link from recorded facts (sightings and missing episodes), beside the intake's.
RECORDED_RELATIONS = ("seen_together", "sighted_at", "sighted_in", "found_with", "found_at")
#: Kinds of link from other records: a contact between two phones or accounts (graded by its report).
OTHER_RELATIONS = ("contact",)
#: Every kind of link a hop can be, in the order filters list them.
RELATIONS = (*LINK_RELATIONS, *RECORDED_RELATIONS, *OTHER_RELATIONS)
#: How each kind of link reads in a sentence.
RELATION_TEXT = {
    "associates_with": "associates with",
    "uses_vehicle": "uses vehicle",
    "travelled_in": "travelled in",
    "seen_at": "seen at (intelligence)",
    "lives_at": "lives at",
    "frequents": "frequents",
    "uses_phone": "uses phone",
    "uses_account": "uses online account",
    "seen_together": "seen together (sighting)",
    "sighted_at": "sighted at (sighting)",
    "sighted_in": "seen in vehicle (sighting)",
    "found_with": "found together after a missing episode",
    "found_at": "found at, after a missing episode",
    "contact": "in contact (call or message)",
}
RECORDED = grading.grade_label(*grading.RECORDED_FACT)
UNGRADED = grading.grade_label(*grading.UNGRADED)


def _weight(label: str) -> float:
    return grading.grade_weight(label[0], label[1])


#: Every grade that counts as evidence (E never does), strongest first.
GRADES = sorted(
    (grading.grade_label(s, a) for s in grading.SOURCE_EVALUATIONS for a in grading.INTELLIGENCE_ASSESSMENTS
     if grading.grade_weight(s, a) > 0),
    key=lambda g: (-_weight(g), g),
)


def grades_at_least(lowest: str | None) -> list[str]:
    """The grade labels at least as strong as ``lowest`` (by the grading table's weights), in
    table order; ``None``: every grade that counts. ``ValueError`` for a grade that does not
    exist or never counts (an E)."""
    if lowest is None:
        floor = 0.0
    else:
        lowest = lowest.strip().upper()
        if len(lowest) != 2:
            raise ValueError(f"no such grade: {lowest!r} (write it as 1A ... 3D)")
        floor = grading.grade_weight(lowest[0], lowest[1])
        if floor == 0:
            raise ValueError(f"{lowest} never counts as evidence: choose a grade from A to D")
    return sorted((g for g in GRADES if _weight(g) >= floor), key=lambda g: (g[0], g[1]))


def check_relations(relations) -> list[str]:
    """The kinds of link asked for (all when none), ``ValueError`` naming any unknown one."""
    relations = [r.strip() for r in relations or () if r and r.strip()]
    unknown = sorted(set(relations) - set(RELATIONS))
    if unknown:
        raise ValueError(f"no such kind of link: {', '.join(unknown)} (kinds: {', '.join(RELATIONS)})")
    return relations or list(RELATIONS)


@dataclass(frozen=True, order=True)
class Entity:
    """A person, vehicle, place, phone or online account: ``kind`` (``person``, ``vehicle``,
    ``location``, ``phone``, ``online_account``) and its ID (a VRM, number or ``platform:handle``
    in the form stored)."""

    kind: str
    id: str

    @classmethod
    def parse(cls, text: str) -> "Entity":
        """``person:P0001``, ``vehicle:AB12 CDE``, ``location:L0001``, ``phone:07700 900123`` or
        ``online_account:snapchat:amy_x`` (a VRM, number or account normalised)."""
        kind, sep, key = text.partition(":")
        if not sep or kind not in ENTITY_TYPES or not key.strip():
            raise ValueError(f"{text!r}: write an entity as person:ID, vehicle:VRM, location:ID, phone:NUMBER "
                             "or online_account:PLATFORM:HANDLE")
        try:
            return cls(kind, normalise_reference(kind, key.strip()))
        except ValueError as reason:
            raise ValueError(f"{text!r}: {reason}") from None

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Filters:
    """What counts as a hop: the kinds of link, the grades and the dates kept."""

    relations: tuple[str, ...] = RELATIONS
    grades: tuple[str, ...] = tuple(grades_at_least(None))
    since: date | None = None
    until: date | None = None

    @classmethod
    def of(cls, relations=None, lowest_grade: str | None = None, since: date | None = None,
           until: date | None = None) -> "Filters":
        """Checked filters (``ValueError`` says what is wrong)."""
        # A range that ends before it starts is valid and finds nothing (as Cypher would).
        return cls(tuple(check_relations(relations)), tuple(grades_at_least(lowest_grade)), since, until)

    def parameters(self) -> dict:
        return {"relations": list(self.relations), "grades": list(self.grades), "since": self.since,
                "until": self.until, "recorded": RECORDED, "ungraded": UNGRADED}


def _by_kind(entities) -> dict[str, list[str]]:
    lists = {"people": [], "vehicles": [], "locations": [], "phones": [], "accounts": []}
    names = {"person": "people", "vehicle": "vehicles", "location": "locations", "phone": "phones",
             "online_account": "accounts"}
    for entity in entities:
        lists[names[entity.kind]].append(entity.id)
    return lists


def hops(db: Database, entities, filters: Filters, within: bool = False) -> list[dict]:
    """Every item of evidence joining one of ``entities`` to another entity (``within``: to
    another of ``entities``), one row each:
    ``source`` and ``target`` (:class:`Entity`), ``relation``, ``evidence_kind`` (``link``,
    ``sighting``, ``missing_episode``), ``evidence_id``, ``grade``, ``intel_id``,
    ``handling_code``, ``handling_conditions``, ``summary``, ``observed_on``."""
    entities = list(entities)
    if not entities:
        return []
    rows = db.read("workspace/hops", **_by_kind(entities), **filters.parameters(), within=within)
    return [{"source": Entity(row.pop("from_kind"), row.pop("from_id")),
             "target": Entity(row.pop("to_kind"), row.pop("to_id")), **row} for row in rows]


def describe(db: Database, entities, on: date | None = None) -> dict[Entity, dict]:
    """What to show of each entity: ``label`` and, for people, ``child`` (under 18 ``on``,
    default today) and ``dob``; for places, ``category``, ``lat`` and ``lon`` (WGS84, None when
    not recorded). Entities not stored are left out."""
    on = on or date.today()
    found = {}
    for row in db.read("workspace/entities", **_by_kind(entities)):
        entity = Entity(row["kind"], row["id"])
        age = _age(row["dob"], on)
        found[entity] = {"kind": entity.kind, "id": entity.id, "key": str(entity),
                         "label": row["name"] or entity.id, "child": age is not None and age < 18,
                         "age": age, "category": row["category"]}
        if entity.kind == "location":
            found[entity].update(lat=row["lat"], lon=row["lon"])
    return found


def find(db: Database, text: str) -> list[Entity]:
    """The stored entities that ``text`` names: ``kind:ID``, or a bare person ID, VRM, location
    ID or phone number (every kind it names, so that the caller can ask which was meant)."""
    candidates = [Entity.parse(text)] if ":" in text else [
        Entity("person", text.strip()), Entity("vehicle", normalise_vrm(text)), Entity("location", text.strip())]
    if ":" not in text:
        try:  # a phone number written bare, as users type it ("07700 900123")
            candidates.append(Entity("phone", normalise_reference("phone", text)))
        except ValueError:
            pass
    return sorted(describe(db, candidates))


def resolve(db: Database, text: str) -> Entity:
    """The one stored entity ``text`` names (see :func:`find`); ``LookupError`` saying why
    not when it names none, or more than one kind (then ``kind:ID`` chooses)."""
    found = find(db, text)
    if not found:
        raise LookupError(f"{text!r}: no person, vehicle or place has this ID")
    if len(found) > 1:
        raise LookupError(f"{text!r} names {' and '.join(map(str, found))}: write which, as kind:ID")
    return found[0]


def _age(dob: str | None, on: date) -> int | None:
    if not dob:
        return None
    born = date.fromisoformat(dob)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
