"""Disruption plans: tactics against a network or a person, each with the facts behind it.

Disruption leads act while an investigation for prosecution runs. For the people in scope
(a network's members, or one person and their associates) the rules below propose tactics
from the disruption toolkit in docs/disruption.md; each proposal names its target, the tactic,
its legal basis, and the facts (with record IDs) that justify it. Proposals are stored as
``DisruptionAction`` nodes that people then own, date and progress: the service proposes,
people decide.

The rules are pure functions over plain records (:class:`DisruptionFacts` plus the
candidate :class:`~graph_service.analysis.candidates.Facts`); :func:`fetch_facts` reads them
from Neo4j with ``cypher/disruption/``.

=============================  ===================================================================
tactic                         proposed when (inside the window; items graded E never count)
=============================  ===================================================================
``vehicle_marker``             a vehicle linked to the scope is sighted at least twice at locations
                               of concern, or a child in scope travelled in it
``licensing_review``           licensed premises linked to the scope by 2+ facts, or a child in
                               scope found there after a missing episode
``taxi_licensing``             a taxi rank linked to the scope by 2+ facts (location target); a
                               person in scope whose vehicle is sighted at taxi ranks 2+ times
                               (driver target)
``awareness_visit``            a hotel, B&B or takeaway linked to the scope by 1+ fact
``closure_order``              premises linked by 3+ facts, one of them a child in scope there
``abduction_warning_notice``   a candidate pair on the abduction-notice list inside the scope
``sexual_risk_order``          an adult in scope with evidence of association with 2+ children
``slavery_trafficking_order``  an adult in scope whose vehicles carried 2+ different children
=============================  ===================================================================

>>> from datetime import date
>>> D = date(2026, 10, 31)
>>> facts = DisruptionFacts(
...     locations=[Location("L1", "Station Hotel", "hotel")],
...     vehicles=[Vehicle("AB12CDE")],
...     vehicle_links=[VehicleLink("U1", "P1", "AB12CDE", "uses_vehicle", date(2026, 1, 5))],
...     sightings=[SightingFact(f"S{i}", date(2026, 10, i), "L1", "anpr", "AB12CDE", ()) for i in (1, 2)])
>>> plan = propose(Scope("person", "P1", ["P1"]), facts, cw.Facts(), as_of=D)
>>> sorted(a.tactic for a in plan.actions)
['awareness_visit', 'vehicle_marker']

Reference: docs/disruption.md; Home Office, Child sexual exploitation:
guide for practitioners (2017), disruption annex; ``docs/disruption.md``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Iterable

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from graph_service.analysis import candidates as cw
from graph_service.analysis.candidates import Grade, age_on, in_window, to_date, window_start
from graph_service.vocabulary import PLACES_OF_CONCERN

#: What each tactic is, its authority, and the kind of target it suits (docs/disruption.md).
TACTICS: dict[str, dict[str, str]] = {
    "vehicle_marker": {
        "title": "Vehicle marker on the Police National Computer and ANPR alert",
        "basis": "Police National Computer vehicle report; ANPR alert (National ANPR Standards for Policing)",
        "target": "vehicle"},
    "licensing_review": {
        "title": "Licensing review of the premises",
        "basis": "Licensing Act 2003, s51 (review of a premises licence)", "target": "location"},
    "taxi_licensing": {
        "title": "Taxi and private hire licensing referral",
        "basis": "Local Government (Miscellaneous Provisions) Act 1976 (private hire); Town Police Clauses Act 1847 "
                 "(hackney carriages): the licensing authority's fit-and-proper test",
        "target": "location or person"},
    "awareness_visit": {
        "title": "CSE awareness visit (hotel, B&B or takeaway)",
        "basis": "Partnership prevention work; Anti-social Behaviour, Crime and Policing Act 2014, s116 "
                 "(information about guests at hotels believed to be used for CSE)",
        "target": "location"},
    "closure_order": {
        "title": "Closure notice/order or community protection notice for the premises",
        "basis": "Anti-social Behaviour, Crime and Policing Act 2014, Part 4 (ss43 and 76)", "target": "location"},
    "abduction_warning_notice": {
        "title": "Child Abduction Warning Notice (candidate: review on the candidate list)",
        "basis": "Child Abduction Act 1984 s2 / Children Act 1989 s49", "target": "person"},
    "sexual_risk_order": {
        "title": "Sexual Risk Order application",
        "basis": "Sexual Offences Act 2003, s122A", "target": "person"},
    "slavery_trafficking_order": {
        "title": "Slavery and Trafficking Risk Order application",
        "basis": "Modern Slavery Act 2015, s23", "target": "person"},
}

#: Categories that are premises a licensing, visit or closure tactic can act on.
PREMISES_TACTICS = {"licensed_premises": "licensing_review", "taxi_rank": "taxi_licensing",
                    "hotel": "awareness_visit", "takeaway": "awareness_visit"}
CLOSABLE_CATEGORIES = frozenset({"licensed_premises", "hotel", "takeaway"})

#: How many facts each tactic needs before it is proposed.
REPEAT_SIGHTINGS = 2
MIN_FACTS = {"licensing_review": 2, "taxi_licensing": 2, "awareness_visit": 1, "closure_order": 3}
MIN_CHILDREN = {"sexual_risk_order": 2, "slavery_trafficking_order": 2}

ACTION_STATUSES = ("proposed", "agreed", "in_progress", "done", "dropped")
#: A new action's review date: the next monthly MACSE meeting, roughly.
REVIEW_DAYS = 28


class PlanError(ValueError):
    """A plan or action that cannot be made or changed; the message names the field and reason."""


# --- facts --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Location:
    location_id: str
    name: str | None
    category: str

    @property
    def label(self) -> str:
        return f"{self.name or self.location_id} ({self.category.replace('_', ' ')})"


@dataclass(frozen=True)
class Vehicle:
    vrm: str
    make: str | None = None
    model: str | None = None
    colour: str | None = None

    @property
    def label(self) -> str:
        described = " ".join(filter(None, (self.colour, self.make, self.model)))
        return f"{self.vrm} ({described})" if described else self.vrm


@dataclass(frozen=True)
class VehicleLink:
    """A person ``uses_vehicle`` or ``travelled_in`` a vehicle (one ``link`` record)."""

    link_id: str
    person_id: str
    vrm: str
    relation: str
    on: date | None
    grade: Grade | None = None

    @property
    def counts(self) -> bool:
        return self.grade is None or self.grade.counts

    @property
    def label(self) -> str:
        return self.grade.label if self.grade else "2D"


@dataclass(frozen=True)
class SightingFact:
    sighting_id: str
    on: date
    location_id: str
    source: str
    vrm: str | None
    person_ids: tuple[str, ...]


@dataclass(frozen=True)
class LocationLink:
    """A person or vehicle ``seen_at`` / ``frequents`` a location (one ``link`` record)."""

    link_id: str
    subject_kind: str  # person / vehicle
    subject_id: str
    relation: str
    location_id: str
    on: date | None
    grade: Grade | None = None

    @property
    def counts(self) -> bool:
        return self.grade is None or self.grade.counts


@dataclass(frozen=True)
class FoundAt:
    """A child found at a location at the end of a missing episode."""

    episode_id: str
    child_id: str
    location_id: str
    on: date


@dataclass
class DisruptionFacts:
    people: Iterable[cw.Person] = ()  # the people in scope, for their ages and names
    locations: Iterable[Location] = ()
    vehicles: Iterable[Vehicle] = ()
    vehicle_links: Iterable[VehicleLink] = ()
    sightings: Iterable[SightingFact] = ()
    location_links: Iterable[LocationLink] = ()
    found_at: Iterable[FoundAt] = ()
    hotspot_location_ids: Iterable[str] = ()

    def __post_init__(self):
        self.people = {p.person_id: p for p in self.people}
        self.locations = {loc.location_id: loc for loc in self.locations}
        self.vehicles = {v.vrm: v for v in self.vehicles}
        for name in ("vehicle_links", "sightings", "location_links", "found_at"):
            setattr(self, name, list(getattr(self, name)))
        self.hotspot_location_ids = frozenset(self.hotspot_location_ids)


@dataclass(frozen=True)
class Scope:
    """Whom a plan is about: ``kind`` is ``network`` or ``person``."""

    kind: str
    scope_id: str
    person_ids: list[str]

    @property
    def plan_id(self) -> str:
        return f"{self.kind}:{self.scope_id}"


# --- proposals ----------------------------------------------------------------------------
@dataclass
class ProposedAction:
    tactic: str
    target_kind: str  # person / vehicle / location
    target_id: str
    target_label: str
    facts: list[str]
    evidence_ids: list[str]
    person_ids: list[str] = field(default_factory=list)  # everyone the facts name, for the audit log

    def action_id(self, plan_id: str) -> str:
        """Stable across runs, so re-planning updates an action instead of adding a new one."""
        key = f"{plan_id}|{self.tactic}|{self.target_kind}:{self.target_id}"
        return "action-" + hashlib.sha256(key.encode()).hexdigest()[:12]

    @property
    def title(self) -> str:
        return TACTICS[self.tactic]["title"]

    @property
    def legal_basis(self) -> str:
        return TACTICS[self.tactic]["basis"]

    def to_dict(self, plan_id: str) -> dict:
        return {"action_id": self.action_id(plan_id), "tactic": self.tactic, "title": self.title,
                "legal_basis": self.legal_basis, "target_kind": self.target_kind, "target_id": self.target_id,
                "target_label": self.target_label, "facts": list(self.facts), "evidence_ids": list(self.evidence_ids),
                "person_ids": list(self.person_ids)}


@dataclass
class Plan:
    scope: Scope
    as_of: date
    lookback_days: int
    actions: list[ProposedAction]

    @property
    def plan_id(self) -> str:
        return self.scope.plan_id

    def to_dict(self) -> dict:
        return {"plan_id": self.plan_id, "scope": self.scope.kind, "scope_id": self.scope.scope_id,
                "as_of": self.as_of.isoformat(), "lookback_days": self.lookback_days,
                "members": list(self.scope.person_ids),
                "actions": [a.to_dict(self.plan_id) for a in self.actions]}


def propose(scope: Scope, facts: DisruptionFacts, candidate_facts: cw.Facts, as_of: date,
            lookback_days: int = cw.LOOKBACK_DAYS) -> Plan:
    """Every tactic the facts justify for ``scope`` on ``as_of``, targets in a stable order."""
    view = _ScopeView(scope, facts, candidate_facts, as_of, lookback_days)
    actions = (vehicle_actions(view) + premises_actions(view) + driver_actions(view)
               + notice_actions(view) + order_actions(view))
    order = list(TACTICS)
    actions.sort(key=lambda a: (order.index(a.tactic), a.target_kind, a.target_id))
    return Plan(scope, as_of, lookback_days, actions)


class _ScopeView:
    """The facts seen from one scope: its members, children, vehicles and their sightings."""

    def __init__(self, scope: Scope, facts: DisruptionFacts, candidate_facts: cw.Facts, as_of: date,
                 lookback_days: int):
        self.scope, self.facts, self.candidate_facts = scope, facts, candidate_facts
        self.as_of, self.lookback_days = as_of, lookback_days
        self.members = set(scope.person_ids)
        self.people = people = {**candidate_facts.people, **facts.people}
        self.children = {p for p in self.members
                         if (age := age_on(people[p].dob if p in people else None, as_of)) is not None and age < 18}
        self.adults = {p for p in self.members
                       if (age := age_on(people[p].dob if p in people else None, as_of)) is not None and age >= 18}
        # Vehicles linked to the scope: used by a member (at any time up to D), or a member
        # travelled in it inside the window.
        self.vehicle_links: dict[str, list[VehicleLink]] = defaultdict(list)
        for link in facts.vehicle_links:
            if link.person_id not in self.members or not link.counts or (link.on and link.on > as_of):
                continue
            if link.relation == "uses_vehicle" or self.recent(link.on):
                self.vehicle_links[link.vrm].append(link)
        self.sightings = [s for s in facts.sightings if self.recent(s.on)]
        for s in self.sightings:  # a vehicle sighted with a member aboard is linked too
            if s.vrm and self.members.intersection(s.person_ids):
                self.vehicle_links.setdefault(s.vrm, [])
        self.found_at = [f for f in facts.found_at if f.child_id in self.children and self.recent(f.on)]

    def recent(self, on: date | None) -> bool:
        return in_window(on, self.as_of, self.lookback_days)

    def location(self, location_id: str) -> Location:
        return self.facts.locations.get(location_id) or Location(location_id, None, "other")

    def of_concern(self, location_id: str) -> bool:
        return (self.location(location_id).category in PLACES_OF_CONCERN
                or location_id in self.facts.hotspot_location_ids
                or any(f.location_id == location_id for f in self.found_at))

    def vehicle_label(self, vrm: str) -> str:
        vehicle = self.facts.vehicles.get(vrm)
        return vehicle.label if vehicle else vrm

    def person_label(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return f"{person_id} ({person.name})" if person and person.name else person_id


def _since(view: _ScopeView) -> str:
    return f"between {window_start(view.as_of, view.lookback_days).isoformat()} and {view.as_of.isoformat()}"


def vehicle_actions(view: _ScopeView) -> list[ProposedAction]:
    """Vehicle marker and ANPR alert for vehicles sighted repeatedly at places of concern, or
    carrying a child in scope."""
    actions = []
    for vrm, links in sorted(view.vehicle_links.items()):
        at_concern = sorted((s for s in view.sightings if s.vrm == vrm and view.of_concern(s.location_id)),
                            key=lambda s: (s.on, s.sighting_id))
        journeys = [link for link in links if link.relation == "travelled_in" and link.person_id in view.children]
        if len(at_concern) < REPEAT_SIGHTINGS and not journeys:
            continue
        facts = [f"{vrm} is used by {link.person_id} (link {link.link_id}, graded {link.label})."
                 for link in links if link.relation == "uses_vehicle"]
        if len(at_concern) >= REPEAT_SIGHTINGS:
            places = ", ".join(f"{s.sighting_id} on {s.on.isoformat()} at {view.location(s.location_id).label}"
                               for s in at_concern)
            facts.append(f"Sighted {len(at_concern)} times at locations of concern {_since(view)}: {places}.")
        for link in journeys:
            facts.append(f"Child in scope {link.person_id} travelled in it (link {link.link_id}, "
                         f"{_iso(link.on) or 'undated'}, graded {link.label}).")
        ids = [link.link_id for link in links] + [s.sighting_id for s in at_concern]
        named = [link.person_id for link in links if link.relation == "uses_vehicle"] + [
            link.person_id for link in journeys]
        actions.append(ProposedAction("vehicle_marker", "vehicle", vrm, view.vehicle_label(vrm), facts, _unique(ids),
                                      _unique(named)))
    return actions


def _location_facts(view: _ScopeView) -> dict[str, list[tuple[str, str, bool, list[str]]]]:
    """Per location, the facts linking it to the scope: ``(record ID, sentence, child present,
    people named)``."""
    linked: dict[str, list[tuple[str, str, bool, list[str]]]] = defaultdict(list)
    vrms = set(view.vehicle_links)
    for s in view.sightings:
        people = sorted(view.members.intersection(s.person_ids))
        if people:
            linked[s.location_id].append((s.sighting_id, f"Sighting {s.sighting_id} ({s.source}, {s.on.isoformat()}) "
                                          f"saw {', '.join(people)} there.", bool(view.children.intersection(people)),
                                          people))
        elif s.vrm in vrms:
            linked[s.location_id].append((s.sighting_id, f"Sighting {s.sighting_id} ({s.source}, {s.on.isoformat()}) "
                                          f"saw vehicle {s.vrm} there.", False, []))
    for link in view.facts.location_links:
        in_scope = (link.subject_id in view.members if link.subject_kind == "person" else link.subject_id in vrms)
        if in_scope and link.counts and view.recent(link.on) and link.relation in ("seen_at", "frequents"):
            grade = link.grade.label if link.grade else "2D"
            linked[link.location_id].append((link.link_id, f"Link {link.link_id}: {link.subject_id} "
                                             f"{link.relation.replace('_', ' ')} it ({link.on.isoformat()}, graded "
                                             f"{grade}).", link.subject_id in view.children,
                                             [link.subject_id] if link.subject_kind == "person" else []))
    for f in view.found_at:
        linked[f.location_id].append((f.episode_id, f"Child in scope {f.child_id} was found there at the end of "
                                      f"missing episode {f.episode_id} ({f.on.isoformat()}).", True, [f.child_id]))
    return linked


def premises_actions(view: _ScopeView) -> list[ProposedAction]:
    """Licensing reviews, taxi licensing, awareness visits and closure powers for premises
    linked to the scope."""
    actions = []
    for location_id, found in sorted(_location_facts(view).items()):
        location = view.location(location_id)
        ids = _unique(record_id for record_id, _, _, _ in found)
        sentences = [sentence for _, sentence, _, _ in found]
        named = _unique(person for _, _, _, people in found for person in people)
        child_found = any(record_id in {f.episode_id for f in view.found_at} for record_id in ids)
        child_present = any(child for _, _, child, _ in found)
        tactic = PREMISES_TACTICS.get(location.category)
        if tactic and (len(ids) >= MIN_FACTS[tactic] or (tactic == "licensing_review" and child_found)):
            actions.append(ProposedAction(tactic, "location", location_id, location.label,
                                          [f"{len(ids)} fact{'s' if len(ids) != 1 else ''} link {location.label} to "
                                           f"the scope {_since(view)}."] + sentences, ids, named))
        if location.category in CLOSABLE_CATEGORIES and len(ids) >= MIN_FACTS["closure_order"] and child_present:
            actions.append(ProposedAction("closure_order", "location", location_id, location.label,
                                          [f"{len(ids)} facts link {location.label} to the scope {_since(view)}, "
                                           f"including a child in scope there."] + sentences, ids, named))
    return actions


def driver_actions(view: _ScopeView) -> list[ProposedAction]:
    """Taxi and private hire licensing referral for people in scope whose vehicles keep
    turning up at taxi ranks."""
    actions = []
    for person_id in sorted(view.adults):
        vrms = {vrm for vrm, links in view.vehicle_links.items()
                if any(link.person_id == person_id and link.relation == "uses_vehicle" for link in links)}
        at_ranks = sorted((s for s in view.sightings
                           if s.vrm in vrms and view.location(s.location_id).category == "taxi_rank"),
                          key=lambda s: (s.on, s.sighting_id))
        if len(at_ranks) >= MIN_FACTS["taxi_licensing"]:
            facts = [f"{person_id} uses {', '.join(sorted(vrms))}; sighted at taxi ranks {len(at_ranks)} times "
                     f"{_since(view)}: " + ", ".join(f"{s.sighting_id} ({s.vrm}, {s.on.isoformat()}, "
                                                      f"{view.location(s.location_id).label})" for s in at_ranks) + "."]
            actions.append(ProposedAction("taxi_licensing", "person", person_id, view.person_label(person_id), facts,
                                          _unique(s.sighting_id for s in at_ranks)))
    return actions


def notice_actions(view: _ScopeView) -> list[ProposedAction]:
    """An abduction warning notice action per adult with candidate pairs inside the scope."""
    result = cw.evaluate(view.candidate_facts, view.as_of, view.lookback_days)
    by_adult: dict[str, list[cw.Candidate]] = defaultdict(list)
    for c in result.candidates:
        inside = ({c.adult_id, c.child_id} <= view.members if view.scope.kind == "network"
                  else view.scope.scope_id in (c.adult_id, c.child_id))
        if inside:
            by_adult[c.adult_id].append(c)
    actions = []
    for adult_id, lines in sorted(by_adult.items()):
        facts = [f"Candidate for {c.child_id} ({', '.join(c.legal_bases)}; score {c.score.value}; permission "
                 f"statement {'held' if c.statement_held else 'not yet held'}): "
                 f"{len(c.evidence)} item{'s' if len(c.evidence) != 1 else ''} of evidence, "
                 f"{', '.join(item.item_id for item in c.evidence)}." for c in lines]
        ids = _unique(item.item_id for c in lines for item in c.evidence)
        actions.append(ProposedAction("abduction_warning_notice", "person", adult_id, view.person_label(adult_id),
                                      facts, ids))
    return actions


def order_actions(view: _ScopeView) -> list[ProposedAction]:
    """Sexual Risk Orders and Slavery and Trafficking Risk Orders for adults in scope
    associating with, or moving, several children."""
    people = view.people
    associations: dict[str, dict[str, list[cw.Evidence]]] = defaultdict(lambda: defaultdict(list))
    for item in view.candidate_facts.evidence:
        if not cw.qualifies(item, view.as_of, view.lookback_days):
            continue
        a, b = (people.get(p) or cw.Person(p) for p in item.people)
        roles = cw.assign_roles(a, b, view.as_of)
        if roles is None:
            continue
        adult, child = roles
        age = age_on(adult.dob, view.as_of)
        if adult.person_id in view.adults and age is not None and age >= 18:
            associations[adult.person_id][child.person_id].append(item)
    actions = []
    for adult_id, children in sorted(associations.items()):
        if len(children) >= MIN_CHILDREN["sexual_risk_order"]:
            facts = [f"{adult_id} has evidence of association {_since(view)} with {len(children)} children: "
                     + "; ".join(f"{child} ({', '.join(i.item_id for i in items)})"
                                 for child, items in sorted(children.items())) + "."]
            ids = _unique(i.item_id for items in children.values() for i in items)
            actions.append(ProposedAction("sexual_risk_order", "person", adult_id, view.person_label(adult_id),
                                          facts, ids))
        moved = {child: [i for i in items if i.kind == cw.TRAVELLED_IN and i.people[0] == child]
                 for child, items in children.items()}
        moved = {child: items for child, items in moved.items() if items}
        if len(moved) >= MIN_CHILDREN["slavery_trafficking_order"]:
            facts = [f"{len(moved)} children travelled in vehicles {adult_id} uses {_since(view)}: "
                     + "; ".join(f"{child} in {', '.join(sorted({i.vrm for i in items}))} "
                                 f"({', '.join(i.item_id for i in items)})" for child, items in sorted(moved.items()))
                     + "."]
            ids = _unique(i.item_id for items in moved.values() for i in items)
            actions.append(ProposedAction("slavery_trafficking_order", "person", adult_id,
                                          view.person_label(adult_id), facts, ids))
    return actions


def associates(candidate_facts: cw.Facts, person_id: str, as_of: date,
               lookback_days: int = cw.LOOKBACK_DAYS) -> list[str]:
    """The person and everyone with evidence of association with them inside the window
    (items graded E never count): the scope of a person's plan."""
    found = {person_id}
    for item in candidate_facts.evidence:
        if person_id in item.people and cw.qualifies(item, as_of, lookback_days):
            found.update(item.people)
    return sorted(found)


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- facts from rows (the Cypher results) -------------------------------------------------
def facts_from_rows(people=(), locations=(), vehicles=(), vehicle_links=(), sightings=(), location_links=(),
                    found_at=(), hotspot_location_ids=()) -> DisruptionFacts:
    def grade(r):
        return Grade.of_link(r["link_id"], r.get("intel_id"), r.get("source_evaluation"),
                             r.get("intelligence_assessment"), r.get("handling_code"))

    return DisruptionFacts(
        people=cw.facts_from_rows(people=people).people.values(),
        locations=[Location(r["location_id"], r.get("name"), r.get("category") or "other") for r in locations],
        vehicles=[Vehicle(r["vrm"], r.get("make"), r.get("model"), r.get("colour")) for r in vehicles],
        vehicle_links=[VehicleLink(r["link_id"], r["person_id"], r["vrm"], r["relation"], to_date(r["on"]), grade(r))
                       for r in vehicle_links],
        sightings=[SightingFact(r["sighting_id"], to_date(r["on"]), r["location_id"], r["source"], r.get("vrm"),
                                tuple(r.get("person_ids") or ())) for r in sightings],
        location_links=[LocationLink(r["link_id"], r["subject_kind"], r["subject_id"], r["relation"], r["location_id"],
                                     to_date(r["on"]), grade(r)) for r in location_links],
        found_at=[FoundAt(r["episode_id"], r["child_id"], r["location_id"], to_date(r["on"])) for r in found_at],
        hotspot_location_ids=hotspot_location_ids,
    )


# --- from and to the database -------------------------------------------------------------
def fetch_facts(db, person_ids: list[str], as_of: date, lookback_days: int = cw.LOOKBACK_DAYS) -> DisruptionFacts:
    """The disruption facts about ``person_ids`` (their vehicles, places and sightings)."""
    params = {"person_ids": list(person_ids), "as_of": as_of, "window_start": window_start(as_of, lookback_days)}
    vehicle_links = db.read("disruption/vehicle_links", **params)
    vrms = sorted({r["vrm"] for r in vehicle_links})
    sightings = db.read("disruption/sightings", vrms=vrms, **params)
    vrms = sorted(set(vrms) | {r["vrm"] for r in sightings if r["vrm"]})
    location_links = db.read("disruption/location_links", vrms=vrms, **params)
    found_at = db.read("disruption/found_at", **params)
    location_ids = sorted({r["location_id"] for rows in (sightings, location_links, found_at) for r in rows})
    return facts_from_rows(
        people=db.read("candidates/people", person_ids=list(person_ids)),
        locations=db.read("disruption/locations", location_ids=location_ids),
        vehicles=db.read("disruption/vehicles", vrms=vrms),
        vehicle_links=vehicle_links, sightings=sightings, location_links=location_links, found_at=found_at,
    )


def network_members(db, network_id: int | str) -> list[str]:
    """Members of a network as the network analysis stored them (network IDs are numbers)."""
    try:
        number = int(network_id)
    except (TypeError, ValueError):
        raise PlanError(f"network: {network_id!r} is not a network ID (a whole number, e.g. 7)") from None
    rows = db.read("disruption/network_members", network_id=number)
    if not rows:
        raise PlanError(f"network: no network with ID {number} is stored (run the network analysis first)")
    return sorted(r["person_id"] for r in rows)


def plan_for_network(db, network_id: int | str, as_of: date | None = None, lookback_days: int = cw.LOOKBACK_DAYS,
                     hotspot_location_ids: Iterable[str] = ()) -> Plan:
    """The plan for a stored network. ``hotspot_location_ids``: locations inside hot spots the
    caller has at hand (e.g. from the hotspot layer on screen), treated as places of concern."""
    as_of = as_of or date.today()
    members = network_members(db, network_id)
    scope = Scope("network", str(int(network_id)), members)
    facts = fetch_facts(db, scope.person_ids, as_of, lookback_days)
    facts.hotspot_location_ids = frozenset(hotspot_location_ids)
    return propose(scope, facts, cw.fetch_facts(db, as_of, lookback_days, person_ids=scope.person_ids), as_of,
                   lookback_days)


def plan_for_person(db, person_id: str, as_of: date | None = None, lookback_days: int = cw.LOOKBACK_DAYS,
                    hotspot_location_ids: Iterable[str] = ()) -> Plan:
    """The plan for a person and their associates (``hotspot_location_ids``: see
    :func:`plan_for_network`)."""
    as_of = as_of or date.today()
    if not db.read("candidates/people_exist", person_ids=[person_id]):
        raise PlanError(f"person: no person with ID {person_id!r} is stored")
    own = cw.fetch_facts(db, as_of, lookback_days, person_ids=[person_id])
    scope = Scope("person", person_id, associates(own, person_id, as_of, lookback_days))
    candidate_facts = cw.fetch_facts(db, as_of, lookback_days, person_ids=scope.person_ids)
    facts = fetch_facts(db, scope.person_ids, as_of, lookback_days)
    facts.hotspot_location_ids = frozenset(hotspot_location_ids)
    return propose(scope, facts, candidate_facts, as_of, lookback_days)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def save_plan(db, plan: Plan, *, user: str, review_days: int = REVIEW_DAYS, before_commit=None) -> list[dict]:
    """Store the plan's proposals as ``DisruptionAction`` nodes and return the plan's actions.

    New actions start ``proposed``, unowned, due ``review_days`` after the as-of date. An
    action proposed again keeps what people set (owner, due date, status, notes) and gets the
    current facts; an earlier action the facts no longer support is kept, marked
    ``supported = false``, for people to close.

    ``before_commit(plan)`` runs inside the transaction, after the writes: the caller writes
    its audit entry there, so nothing is stored unless the entry is on disk first.
    """
    if not user or not user.strip():
        raise PlanError("user: is required")
    now = _now()
    actions = [{**a.to_dict(plan.plan_id), "due_on": plan.as_of + timedelta(days=review_days)}
               for a in plan.actions]
    with db.transaction() as tx:
        tx.write("disruption/save_plan", plan_id=plan.plan_id, scope=plan.scope.kind, scope_id=plan.scope.scope_id,
                 as_of=plan.as_of, lookback_days=plan.lookback_days, members=plan.scope.person_ids, user=user,
                 now=now, actions=actions)
        tx.write("disruption/unsupported_actions", plan_id=plan.plan_id,
                 action_ids=[a["action_id"] for a in actions], now=now)
        if before_commit is not None:
            before_commit(plan)
    return stored_actions(db, plan.plan_id)


def stored_actions(db, plan_id: str | None = None, status: str | None = None) -> list[dict]:
    """Stored actions (of one plan, or all), in plan, tactic and target order."""
    rows = db.read("disruption/actions", plan_id=plan_id, status=status)
    order = list(TACTICS)
    actions = [_plain(row["action"]) for row in rows]
    return sorted(actions, key=lambda a: (a["plan_id"], order.index(a["tactic"]) if a["tactic"] in order else len(order),
                                          a["target_kind"], a["target_id"]))


def people_named(actions: Iterable[dict]) -> list[str]:
    """Everyone stored actions name: person targets, and the people in the facts about
    vehicle and place targets (what an audit entry for showing them must list)."""
    return _unique(person for a in actions
                   for person in ([a["target_id"]] if a["target_kind"] == "person" else []) + list(a.get("person_ids") or []))


def stored_plans(db) -> list[dict]:
    """Every stored plan with its action counts, newest first."""
    return [_plain(row["plan"]) for row in db.read("disruption/plans")]


class _ActionChange(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    action_id: str
    user: str
    owner: str | None = None
    due_on: date | None = None
    status: str | None = None
    note: str | None = None

    @field_validator("status")
    @classmethod
    def _known_status(cls, status):
        if status is not None and status not in ACTION_STATUSES:
            raise ValueError(f"{status!r} is not one of {', '.join(ACTION_STATUSES)}")
        return status


def update_action(db, action_id: str, *, user: str, owner: str | None = None, due_on=None, status: str | None = None,
                  note: str | None = None, before_commit=None) -> dict:
    """Change an action's owner, due (review) date or status, or add a note; returns the
    action as stored plus ``changes`` (field: [old, new]) for the audit log.
    ``before_commit(changed)`` runs with that inside the transaction, for the audit entry
    (see :func:`save_plan`)."""
    try:
        change = _ActionChange(action_id=action_id, user=user, owner=owner or None, due_on=due_on or None,
                               status=status or None, note=note or None)
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"] if not first["type"].startswith("date") else \
            f"{first.get('input')!r} is not a date (YYYY-MM-DD)"
        raise PlanError(f"{where}: {message}") from None
    if not change.user:
        raise PlanError("user: is required")
    if not any((change.owner, change.due_on, change.status, change.note)):
        raise PlanError("nothing to change: give an owner, a due date, a status or a note")
    with db.transaction() as tx:
        before = tx.run("disruption/action", action_id=change.action_id)
        if not before:
            raise PlanError(f"action_id: no action with ID {change.action_id!r} is stored")
        old = _plain(before[0]["action"])
        note = f"{_now().isoformat()} {change.user}: {change.note}" if change.note else None
        (row,) = tx.run("disruption/update_action", action_id=change.action_id, owner=change.owner,
                        due_on=change.due_on, status=change.status, note=note, user=change.user, now=_now())
        new = _plain(row["action"])
        changes = {name: [old.get(name), new.get(name)] for name in ("owner", "due_on", "status")
                   if old.get(name) != new.get(name)}
        if note:
            changes["note"] = [None, note]
        changed = {**new, "changes": changes}
        if before_commit is not None:
            before_commit(changed)
    return changed


def _plain(record: dict) -> dict:
    return {key: value.to_native() if hasattr(value, "to_native") else value for key, value in record.items()}
