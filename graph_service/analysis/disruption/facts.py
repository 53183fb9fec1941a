"""The facts disruption rules look at besides the candidate facts: places, vehicles, sightings.

Plain records, no database: :mod:`~graph_service.analysis.disruption.database` fills them from
``cypher/disruption/``, tests build them by hand.

>>> Vehicle("AB12CDE", "Ford", "Focus", "silver").label
'AB12CDE (silver Ford Focus)'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from graph_service.analysis.candidates import Grade, Person


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
    people: Iterable[Person] = ()  # the people in scope, for their ages and names
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
