"""Whom a plan is about, and the facts seen from there: members, children, adults, vehicles.

>>> Scope("network", "7", ["P1", "P2", "P3"]).plan_id
'network:7'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from graph_service.analysis.candidates import LOOKBACK_DAYS, Facts, age_on, in_window, qualifies
from graph_service.analysis.disruption.facts import DisruptionFacts, Location, VehicleLink
from graph_service.vocabulary import PLACES_OF_CONCERN


@dataclass(frozen=True)
class Scope:
    """Whom a plan is about: ``kind`` is ``network`` or ``person``."""

    kind: str
    scope_id: str
    person_ids: list[str]

    @property
    def plan_id(self) -> str:
        return f"{self.kind}:{self.scope_id}"


class ScopeView:
    """The facts seen from one scope: its members, children, vehicles and their sightings."""

    def __init__(self, scope: Scope, facts: DisruptionFacts, candidate_facts: Facts, as_of: date,
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


def associates(candidate_facts: Facts, person_id: str, as_of: date,
               lookback_days: int = LOOKBACK_DAYS) -> list[str]:
    """The person and everyone with evidence of association with them inside the window
    (items graded E never count): the scope of a person's plan."""
    found = {person_id}
    for item in candidate_facts.evidence:
        if person_id in item.people and qualifies(item, as_of, lookback_days):
            found.update(item.people)
    return sorted(found)

