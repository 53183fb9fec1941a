"""The disruption rules: which tactics the facts justify for a scope, each with its facts.

Pure functions over a :class:`~graph_service.analysis.disruption.scope.ScopeView` (no
database): :func:`propose` runs them all; each ``*_actions`` function is one row of the table
in ``docs/disruption.md`` and writes the sentences (with record IDs) a reviewer checks.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterable

from graph_service.analysis.candidates import (
    LOOKBACK_DAYS,
    TRAVELLED_IN,
    Candidate,
    Evidence,
    Facts,
    Person,
    age_on,
    assign_roles,
    evaluate,
    qualifies,
    window_start,
)
from graph_service.analysis.disruption.facts import DisruptionFacts
from graph_service.analysis.disruption.scope import Scope, ScopeView
from graph_service.analysis.disruption.tactics import (
    CLOSABLE_CATEGORIES,
    MIN_CHILDREN,
    MIN_FACTS,
    PREMISES_TACTICS,
    REPEAT_SIGHTINGS,
    TACTICS,
    Plan,
    ProposedAction,
)


def propose(scope: Scope, facts: DisruptionFacts, candidate_facts: Facts, as_of: date,
            lookback_days: int = LOOKBACK_DAYS) -> Plan:
    """Every tactic the facts justify for ``scope`` on ``as_of``, targets in a stable order."""
    view = ScopeView(scope, facts, candidate_facts, as_of, lookback_days)
    actions = (vehicle_actions(view) + premises_actions(view) + driver_actions(view)
               + notice_actions(view) + order_actions(view))
    order = list(TACTICS)
    actions.sort(key=lambda a: (order.index(a.tactic), a.target_kind, a.target_id))
    return Plan(scope, as_of, lookback_days, actions)


def _since(view: ScopeView) -> str:
    return f"between {window_start(view.as_of, view.lookback_days).isoformat()} and {view.as_of.isoformat()}"


def vehicle_actions(view: ScopeView) -> list[ProposedAction]:
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


def _location_facts(view: ScopeView) -> dict[str, list[tuple[str, str, bool, list[str]]]]:
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


def premises_actions(view: ScopeView) -> list[ProposedAction]:
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


def driver_actions(view: ScopeView) -> list[ProposedAction]:
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


def notice_actions(view: ScopeView) -> list[ProposedAction]:
    """An abduction warning notice action per adult with candidate pairs inside the scope."""
    result = evaluate(view.candidate_facts, view.as_of, view.lookback_days)
    by_adult: dict[str, list[Candidate]] = defaultdict(list)
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


def order_actions(view: ScopeView) -> list[ProposedAction]:
    """Sexual Risk Orders and Slavery and Trafficking Risk Orders for adults in scope
    associating with, or moving, several children."""
    people = view.people
    associations: dict[str, dict[str, list[Evidence]]] = defaultdict(lambda: defaultdict(list))
    for item in view.candidate_facts.evidence:
        if not qualifies(item, view.as_of, view.lookback_days):
            continue
        a, b = (people.get(p) or Person(p) for p in item.people)
        roles = assign_roles(a, b, view.as_of)
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
        moved = {child: [i for i in items if i.kind == TRAVELLED_IN and i.people[0] == child]
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


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None

