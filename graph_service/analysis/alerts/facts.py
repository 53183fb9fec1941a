"""The facts the alert rules read, by the Cypher of ``cypher/alerts/``: notices in force with
every contact of their adult and child, watches with the events naming what they watch, and
children with enough missing episodes to be repeat missing."""

from __future__ import annotations

from graph_service import grading
from graph_service.analysis.alerts import rules
from graph_service.db import Database
from graph_service.vocabulary import REPEAT_MISSING_EPISODES

UNGRADED = grading.grade_label(*grading.UNGRADED)


def notices(db: Database) -> list[dict]:
    return db.read("alerts/notices", in_force=list(rules.IN_FORCE), recorded=rules.RECORDED, ungraded=UNGRADED)


def watches(db: Database) -> list[dict]:
    return db.read("alerts/watches", recorded=rules.RECORDED)


def missing_children(db: Database) -> list[dict]:
    return db.read("alerts/missing_children", at_least=REPEAT_MISSING_EPISODES)
