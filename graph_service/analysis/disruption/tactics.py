"""The disruption toolkit: each tactic, its authority, and how many facts it needs.

The thresholds are constants so that a force can read (and, after review, change) them in one
place; ``docs/disruption.md`` explains each. :class:`ProposedAction` and :class:`Plan` are what
the rules (:mod:`~graph_service.analysis.disruption.rules`) produce.

>>> ProposedAction("vehicle_marker", "vehicle", "AB12CDE", "AB12CDE", [], []).action_id("person:P1")
'action-...'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from graph_service.analysis.disruption.scope import Scope

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


class PlanError(ValueError):
    """A plan or action that cannot be made or changed; the message names the field and reason."""


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
