"""Alerts over casework: facts read by Cypher (:mod:`.facts`), pure rules (:mod:`.rules`),
and storage with inboxes and watches (:mod:`.store`).

:func:`evaluate` runs every rule over the whole store and keeps the alerts not raised before.
It runs after every ingest, when a watch is set and when a notice changes; an alert, once
raised, stays (with its acknowledgement) even if a later record changes the facts behind it.

For example (it needs a database; ``tests/test_alerts_db.py`` makes the same calls)::

    raised = evaluate(db)
    raised.created
    # ['AL-5c1e...']
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from graph_service.analysis.alerts import facts, rules, store
from graph_service.analysis.alerts.rules import KINDS, Alert
from graph_service.db import Database

__all__ = ["KINDS", "Alert", "Evaluation", "evaluate", "rules", "store"]


@dataclass
class Evaluation:
    """What one evaluation found: every alert the facts raise, the IDs of the new ones."""

    alerts: list[Alert] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    seconds: float = 0.0


def evaluate(db: Database) -> Evaluation:
    """Run every rule over the store and save the alerts not raised before."""
    began = time.monotonic()
    alerts = rules.evaluate(facts.notices(db), facts.watches(db), facts.missing_children(db))
    created = store.save(db, alerts)
    return Evaluation(alerts, created, time.monotonic() - began)
