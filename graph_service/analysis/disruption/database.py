"""Disruption facts read from Neo4j, and the plans made from them for a network or a person.

The named statements in ``cypher/disruption/`` return rows; :func:`facts_from_rows` turns them
into :class:`~graph_service.analysis.disruption.facts.DisruptionFacts` without a database;
:func:`plan_for_network` and :func:`plan_for_person` read everything a plan needs and run the
rules. Nothing here writes: storing a plan is :mod:`~graph_service.analysis.disruption.storage`.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from graph_service.analysis.candidates import LOOKBACK_DAYS, Grade, window_start
from graph_service.analysis.candidates.database import facts_from_rows as candidate_facts_from_rows
from graph_service.analysis.candidates.database import fetch_facts as fetch_candidate_facts
from graph_service.analysis.disruption.facts import (
    DisruptionFacts,
    FoundAt,
    Location,
    LocationLink,
    SightingFact,
    Vehicle,
    VehicleLink,
)
from graph_service.analysis.disruption.rules import propose
from graph_service.analysis.disruption.scope import Scope, associates
from graph_service.analysis.disruption.tactics import Plan, PlanError
from graph_service.db.values import to_date


def facts_from_rows(people=(), locations=(), vehicles=(), vehicle_links=(), sightings=(), location_links=(),
                    found_at=(), hotspot_location_ids=()) -> DisruptionFacts:
    def grade(r):
        return Grade.of_link(r["link_id"], r.get("intel_id"), r.get("source_evaluation"),
                             r.get("intelligence_assessment"), r.get("handling_code"))

    return DisruptionFacts(
        people=candidate_facts_from_rows(people=people).people.values(),
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
def fetch_facts(db, person_ids: list[str], as_of: date, lookback_days: int = LOOKBACK_DAYS) -> DisruptionFacts:
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


def plan_for_network(db, network_id: int | str, as_of: date | None = None, lookback_days: int = LOOKBACK_DAYS,
                     hotspot_location_ids: Iterable[str] = ()) -> Plan:
    """The plan for a stored network. ``hotspot_location_ids``: locations inside hot spots the
    caller has at hand (e.g. from the hotspot layer on screen), treated as places of concern."""
    as_of = as_of or date.today()
    members = network_members(db, network_id)
    scope = Scope("network", str(int(network_id)), members)
    facts = fetch_facts(db, scope.person_ids, as_of, lookback_days)
    facts.hotspot_location_ids = frozenset(hotspot_location_ids)
    return propose(scope, facts, fetch_candidate_facts(db, as_of, lookback_days, person_ids=scope.person_ids), as_of,
                   lookback_days)


def plan_for_person(db, person_id: str, as_of: date | None = None, lookback_days: int = LOOKBACK_DAYS,
                    hotspot_location_ids: Iterable[str] = ()) -> Plan:
    """The plan for a person and their associates (``hotspot_location_ids``: see
    :func:`plan_for_network`)."""
    as_of = as_of or date.today()
    if not db.read("candidates/people_exist", person_ids=[person_id]):
        raise PlanError(f"person: no person with ID {person_id!r} is stored")
    own = fetch_candidate_facts(db, as_of, lookback_days, person_ids=[person_id])
    scope = Scope("person", person_id, associates(own, person_id, as_of, lookback_days))
    candidate_facts = fetch_candidate_facts(db, as_of, lookback_days, person_ids=scope.person_ids)
    facts = fetch_facts(db, scope.person_ids, as_of, lookback_days)
    facts.hotspot_location_ids = frozenset(hotspot_location_ids)
    return propose(scope, facts, candidate_facts, as_of, lookback_days)

