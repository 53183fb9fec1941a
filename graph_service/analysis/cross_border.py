"""The cross-border view (issue #14): networks and children whose evidence spans areas.

Exploitation moves children between towns, and each council sees only its own part of it. A
network whose evidence of exploitation (a sighting of a member in which a child is with an adult
not their relative, a missing episode of a member's in which the child was found with someone
not their relative, intelligence graded A to D placing a child member somewhere, not where they live) lies in two or more
local authorities, or a child whose own evidence does, is listed with the areas named, the records in each, and the reasons for its
place in the order. Places are in areas by the spatial join of ``graph-service areas load``
(``IN_AREA``); intelligence graded E never counts. The statements are
``cypher/networks/cross_border.cypher`` and ``cypher/areas/cross_border_children.cypher``.

Order of concern: networks by their concern rank (the network ranking, docs/networks.md), then
the most areas; children by the most areas, then the most areas they were found in after going
missing, then the newest evidence. Nothing about a person but their evidence and age is used.

>>> area_text({"name": "Northtown", "records": 3, "sightings": 2, "found": 1, "intelligence": 0})
'Northtown (2 sightings, found after going missing once)'
"""

from __future__ import annotations

from datetime import date

# the grades that never count (E), the link relations that place someone at a place (seen at, frequents)
from graph_service.analysis.hotspots.stored import EVENT_RELATIONS, NEVER_COUNTS
from graph_service.vocabulary import AREA_LEVELS

#: The level compared unless asked otherwise: a council is who a child's care and a MACSE belong to.
DEFAULT_LEVEL = "local_authority"
LEVEL_WORDS = {"force": ("force area", "force areas"), "local_authority": ("local authority", "local authorities"),
               "ward": ("ward", "wards")}
assert set(LEVEL_WORDS) == set(AREA_LEVELS)


def _times(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def area_text(area: dict) -> str:
    """An area and what lies in it, in words."""
    parts = []
    if area["sightings"]:
        parts.append(_times(area["sightings"], "sighting", "sightings"))
    if area["found"]:
        parts.append("found after going missing " + ("once" if area["found"] == 1 else f"{area['found']} times"))
    if area["intelligence"]:
        parts.append(_times(area["intelligence"], "intelligence link", "intelligence links"))
    return f"{area['name']} ({', '.join(parts)})"


def network_reasons(row: dict, level: str = DEFAULT_LEVEL) -> list[str]:
    """Why a network is listed, and where: its areas first, then its place in the ranking."""
    words = LEVEL_WORDS[level][1]
    reasons = [f"evidence in {len(row['areas'])} {words}: " + "; ".join(area_text(a) for a in row["areas"])]
    if row["rank"] is not None:
        reasons.append(f"ranked {row['rank']} of the networks of concern: " + "; ".join(row["concern_reasons"]))
    if row["children_at_risk"]:
        reasons.append(_times(row["children_at_risk"], "child at risk among its members",
                              "children at risk among its members"))
    return reasons


def child_reasons(row: dict, level: str = DEFAULT_LEVEL) -> list[str]:
    """Why a child is listed: the areas of their evidence, where they were found after going missing."""
    words = LEVEL_WORDS[level][1]
    reasons = [f"evidence in {len(row['areas'])} {words}: " + "; ".join(area_text(a) for a in row["areas"])]
    if row["found_in"] >= 2:
        reasons.append(f"found after going missing in {row['found_in']} {words}")
    if row["last_evidence"]:
        reasons.append(f"newest evidence {row['last_evidence'][:10]}")
    return reasons


def check_level(level: str) -> str:
    if level not in AREA_LEVELS:
        raise ValueError(f"level: {level!r} is not an area level; choose one of {', '.join(AREA_LEVELS)}")
    return level


def networks_across_areas(db, level: str = DEFAULT_LEVEL, skip: int = 0, limit: int = 25) -> dict:
    """``total`` and one page of ``items`` of the current networks whose evidence spans areas,
    in order of concern, each with its ``areas`` and ``reasons``."""
    found = db.read("networks/cross_border", level=check_level(level), skip=skip, limit=limit,
                    never_counts=NEVER_COUNTS, relations=list(EVENT_RELATIONS))[0]
    return {"total": found["total"],
            "items": [{**row, "reasons": network_reasons(row, level)} for row in found["items"]]}


def children_across_areas(db, level: str = DEFAULT_LEVEL, skip: int = 0, limit: int = 25,
                          today: date | None = None) -> dict:
    """``total`` and one page of ``items`` of the children (under 18 on ``today``) whose own
    evidence spans areas, in order of concern, each with its ``areas`` and ``reasons``."""
    found = db.read("areas/cross_border_children", level=check_level(level), skip=skip, limit=limit,
                    today=today or date.today())[0]
    return {"total": found["total"],
            "items": [{**row, "reasons": child_reasons(row, level)} for row in found["items"]]}
