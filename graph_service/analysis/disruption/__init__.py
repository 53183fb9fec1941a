"""Disruption plans: tactics against a network or a person, each with the facts behind it.

Disruption leads act while an investigation for prosecution runs. For the people in scope
(a network's members, or one person and their associates) the rules propose tactics from the
disruption toolkit in docs/disruption.md; each proposal names its target, the tactic, its
legal basis, and the facts (with record IDs) that justify it. Proposals are stored as
``DisruptionAction`` nodes that people then own, date and progress: the service proposes,
people decide.

The feature in steps, each in its own module:

1. :mod:`~graph_service.analysis.disruption.tactics`: the toolkit, its thresholds, and what a
   proposal is;
2. :mod:`~graph_service.analysis.disruption.facts`: the plain fact records (places, vehicles,
   sightings, children found at places), beside the candidate
   :class:`~graph_service.analysis.candidates.Facts`;
3. :mod:`~graph_service.analysis.disruption.scope`: whom a plan is about, and the facts seen
   from there;
4. :mod:`~graph_service.analysis.disruption.rules`: the rules, pure functions over the facts;
5. :mod:`~graph_service.analysis.disruption.database`: the facts read from Neo4j with
   ``cypher/disruption/``, and plans for a stored network or person;
6. :mod:`~graph_service.analysis.disruption.storage`: plans and actions written to and read
   from Neo4j.

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
>>> from graph_service.analysis.candidates import Facts
>>> D = date(2026, 10, 31)
>>> facts = DisruptionFacts(
...     locations=[Location("L1", "Station Hotel", "hotel")],
...     vehicles=[Vehicle("AB12CDE")],
...     vehicle_links=[VehicleLink("U1", "P1", "AB12CDE", "uses_vehicle", date(2026, 1, 5))],
...     sightings=[SightingFact(f"S{i}", date(2026, 10, i), "L1", "anpr", "AB12CDE", ()) for i in (1, 2)])
>>> plan = propose(Scope("person", "P1", ["P1"]), facts, Facts(), as_of=D)
>>> sorted(a.tactic for a in plan.actions)
['awareness_visit', 'vehicle_marker']

Reference: Home Office, Child sexual exploitation: guide for practitioners (2017),
disruption annex; ``docs/disruption.md``.
"""

from graph_service.analysis.disruption.database import (
    facts_from_rows,
    fetch_facts,
    network_members,
    plan_for_network,
    plan_for_person,
)
from graph_service.analysis.disruption.facts import (
    DisruptionFacts,
    FoundAt,
    Location,
    LocationLink,
    SightingFact,
    Vehicle,
    VehicleLink,
)
from graph_service.analysis.disruption.rules import (
    driver_actions,
    notice_actions,
    order_actions,
    premises_actions,
    propose,
    vehicle_actions,
)
from graph_service.analysis.disruption.scope import Scope, ScopeView, associates
from graph_service.analysis.disruption.storage import (
    ACTION_STATUSES,
    REVIEW_DAYS,
    people_named,
    save_plan,
    stored_actions,
    stored_plans,
    update_action,
)
from graph_service.analysis.disruption.tactics import (
    CLOSABLE_CATEGORIES,
    MIN_CHILDREN,
    MIN_FACTS,
    PREMISES_TACTICS,
    REPEAT_SIGHTINGS,
    TACTICS,
    Plan,
    PlanError,
    ProposedAction,
)

__all__ = [
    "ACTION_STATUSES", "CLOSABLE_CATEGORIES", "MIN_CHILDREN", "MIN_FACTS", "PREMISES_TACTICS", "REPEAT_SIGHTINGS",
    "REVIEW_DAYS", "TACTICS", "DisruptionFacts", "FoundAt", "Location", "LocationLink", "Plan", "PlanError",
    "ProposedAction", "Scope", "ScopeView", "SightingFact", "Vehicle", "VehicleLink", "associates",
    "driver_actions", "facts_from_rows", "fetch_facts", "network_members", "notice_actions", "order_actions",
    "people_named", "plan_for_network", "plan_for_person", "premises_actions", "propose", "save_plan",
    "stored_actions", "stored_plans", "update_action", "vehicle_actions",
]
