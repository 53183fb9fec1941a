"""Saved investigations: a named link chart (its entities and filters) with the analyst's notes,
kept in the graph beside the intelligence it points to, for its owner and the users it is
shared with. Anyone else is told it does not exist, as for any record they may not see.

What a chart shows is worked out again from the store whenever an investigation is opened: an
investigation keeps which entities and filters, never a copy of the evidence, so a record
deleted at review leaves it, and newer intelligence joins it.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timezone

from graph_service.analysis.evidence_graph import Entity
from graph_service.analysis.link_chart import MAX_NODES
from graph_service.db import Database

#: Longest name and notes an investigation keeps.
MAX_NAME, MAX_NOTES = 120, 4000
#: The chart filters an investigation keeps (those of ``/chart``'s query string).
FILTER_NAMES = ("kind", "lowest_grade", "since", "until")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def save(db: Database, owner: str, name: str, entities: list[Entity], filters: dict[str, list[str]],
         notes: str = "") -> str:
    """Keep a chart of ``entities`` under ``filters`` as ``name``; its new ID."""
    if not name.strip() or len(name) > MAX_NAME:
        raise ValueError(f"name: give a name of 1 to {MAX_NAME} characters")
    if len(notes) > MAX_NOTES:
        raise ValueError(f"notes: at most {MAX_NOTES} characters")
    if not entities or len(entities) > MAX_NODES:
        raise ValueError(f"entities: a chart of 1 to {MAX_NODES} entities")
    kept = {key: list(filters[key]) for key in FILTER_NAMES if filters.get(key)}
    investigation_id = "INV-" + secrets.token_hex(6)
    with db.transaction() as tx:
        tx.run("workspace/investigation_save", investigation_id=investigation_id, investigation_name=name.strip(), notes=notes,
               owner=owner, entities=[str(e) for e in dict.fromkeys(entities)], filters=json.dumps(kept),
               now=_now())
    return investigation_id


def get(db: Database, investigation_id: str, user: str) -> dict | None:
    """The investigation, if ``user`` owns it or it is shared with them; else ``None``."""
    rows = db.read("workspace/investigation_get", investigation_id=investigation_id, user=user)
    if not rows:
        return None
    found = rows[0]
    return {**found, "filters": json.loads(found["filters"] or "{}"),
            "people": [key.split(":", 1)[1] for key in found["entities"] if key.startswith("person:")]}


def of_user(db: Database, user: str, skip: int, limit: int) -> tuple[list[dict], int]:
    """A page of the investigations ``user`` owns or was given, latest changed first; and the total."""
    rows = db.read("workspace/investigations_of", user=user, skip=skip, limit=limit)
    return (rows[0]["items"], rows[0]["total"]) if rows else ([], 0)


def share(db: Database, investigation_id: str, owner: str, users: list[str]) -> list[str] | None:
    """Share with ``users`` (checked by the caller); who it is now shared with, or ``None`` when
    ``owner`` does not own it."""
    with db.transaction() as tx:
        rows = tx.run("workspace/investigation_share", investigation_id=investigation_id, owner=owner,
                      users=[u for u in dict.fromkeys(users) if u != owner], now=_now())
    return rows[0]["shared_with"] if rows else None


def chart_query(investigation: dict) -> list[tuple[str, str]]:
    """The ``/chart`` query string that draws the investigation: its entities and filters."""
    pairs = [("start", key) for key in investigation["entities"]]
    for key in FILTER_NAMES:
        pairs += [(key, value) for value in investigation["filters"].get(key, [])]
    return pairs
