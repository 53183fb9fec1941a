"""A link chart: people, vehicles, places, phones and online accounts with the evidence between
them, as analysts draw them in i2 Analyst's Notebook.

A chart starts from some entities (one person, vehicle, place, phone or account, or a network's
members with the vehicles and places two or more of them share and the phones and accounts by
which they were in contact with each other) and grows by expanding an entity by one
hop of the evidence graph (:mod:`graph_service.analysis.evidence_graph`), under the same
filters as paths: kinds of link, lowest grade (E never counts) and dates. Its ties are every
item of evidence among the entities it shows, one tie per pair, with the items behind it.

A tie's line style follows its strongest grade, as i2's link strengths do: assessed A or B
(known directly, or corroborated) ``solid`` (confirmed), C (known indirectly) ``dashed``
(unconfirmed), D (hearsay) ``dotted`` (tentative). A tie or entity with handling code C
evidence is marked, with its conditions.

>>> line_style("2B"), line_style("1C"), line_style("3D")
('solid', 'dashed', 'dotted')
"""

from __future__ import annotations

from graph_service import grading
from graph_service.analysis.evidence_graph import RELATION_TEXT, Entity, Filters, describe, hops
from graph_service.db import Database

#: Most entities a chart holds: a layout stays readable up to about 200, and the analyst can
#: narrow the filters or start from a smaller set.
MAX_NODES = 250
#: How many of a network's members must share a vehicle or place for it to join the chart.
SHARED_BY = 2
#: Most hops one expansion may reach: at three hops a busy place already brings in most of a town.
MAX_EXPAND_HOPS = 3


def line_style(grade: str) -> str:
    """``solid``, ``dashed`` or ``dotted`` for the assessment of a ``"1A"``-style grade."""
    return {"A": "solid", "B": "solid", "C": "dashed"}.get(grade[1], "dotted")


def network_members(db: Database, network_id: int) -> list[Entity]:
    return [Entity("person", row["person_id"]) for row in db.read("workspace/network_members", network_id=network_id)]


def shared_places(db: Database, members: list[Entity], filters: Filters) -> list[Entity]:
    """The vehicles and places that at least :data:`SHARED_BY` of ``members`` are joined to."""
    joined: dict[Entity, set[Entity]] = {}
    for row in hops(db, members, filters):
        if row["target"].kind != "person":
            joined.setdefault(row["target"], set()).add(row["source"])
    return sorted(e for e, people in joined.items() if len(people) >= SHARED_BY)


def means_in_contact(db: Database, members: list[Entity], filters: Filters) -> list[Entity]:
    """The phones and accounts of ``members`` that were in contact with another member's: how
    grooming and co-ordination ran inside a network, drawn as nodes between its people (a
    contact joins two means, not two people). Each member's other phones and accounts are left
    out, to keep the chart readable; expanding a member brings them in."""
    uses = Filters.of(["uses_phone", "uses_account"])  # whose a phone is does not depend on the dates asked
    means: dict[Entity, set[Entity]] = {}
    for row in hops(db, members, uses):
        means.setdefault(row["target"], set()).add(row["source"])
    if not means or "contact" not in filters.relations:
        return []
    contact = Filters(("contact",), filters.grades, filters.since, filters.until)
    joined = set()
    for row in hops(db, list(means), contact, within=True):
        if means[row["source"]] != means[row["target"]]:  # not one person's own two phones
            joined.update((row["source"], row["target"]))
    return sorted(joined)


def build(db: Database, entities, filters: Filters | None = None, expand=(), limit: int = MAX_NODES,
          expand_hops: int = 1) -> dict:
    """The chart of ``entities`` plus everything within ``expand_hops`` hops of each of
    ``expand``, nearest first, at most ``limit`` entities:
    ``{"nodes", "edges", "truncated", "left_out"}``.

    ``nodes``: what :func:`~graph_service.analysis.evidence_graph.describe` says of each, plus
    ``handling_c`` (a tie of it rests on code C evidence). ``edges``: ``id``, ``source``,
    ``target`` (``kind:ID`` keys), ``relations``, ``relations_text``, ``grade`` (strongest),
    ``style``, ``handling_code`` (``C`` when any item is), ``handling_conditions``,
    ``first_observed``, ``last_observed``, ``count`` and ``evidence`` (the items, strongest
    first). ``left_out``: how many neighbours did not fit under ``limit``."""
    filters = filters or Filters()
    nodes = list(dict.fromkeys(entities))
    left_out = 0
    frontier = list(dict.fromkeys(expand))
    for _ in range(expand_hops if frontier else 0):
        # Each hop starts from what the one before added, so the nearest entities fill the
        # room first and a far hop never pushes out a near one.
        shown = set(nodes) | set(frontier)
        fresh = [n for n in dict.fromkeys(row["target"] for row in hops(db, frontier, filters)) if n not in shown]
        room = max(limit - len(nodes), 0)
        nodes += [n for n in frontier if n not in set(nodes)][:room]
        room = max(limit - len(nodes), 0)
        nodes += fresh[:room]
        left_out += max(len(fresh) - room, 0)
        frontier = fresh[:room]
        if not frontier or len(nodes) >= limit:
            break  # a full chart: the next hop's entities could not show, so it is not asked for
    nodes = nodes[:max(limit, 1)]
    described = describe(db, nodes)
    nodes = [n for n in nodes if n in described]  # an ID that is not stored draws nothing
    edges = _edges(hops(db, nodes, filters, within=True))
    with_c = {end for e in edges if e["handling_code"] == "C" for end in (e["source"], e["target"])}
    return {"nodes": [{**described[n], "handling_c": str(n) in with_c} for n in nodes],
            "edges": edges, "truncated": left_out > 0, "left_out": left_out}


def _edges(rows: list[dict]) -> list[dict]:
    pairs: dict[tuple[Entity, Entity], dict] = {}
    for row in rows:
        pair = tuple(sorted((row["source"], row["target"])))
        items = pairs.setdefault(pair, {})
        # Each item is read from both of its ends: keep it once.
        items.setdefault((row["evidence_kind"], row["evidence_id"], row["relation"]), row)
    edges = []
    for number, ((a, b), items) in enumerate(sorted(pairs.items()), 1):
        evidence = sorted(items.values(), key=_strongest_first)
        grade = evidence[0]["grade"]
        dates = sorted(i["observed_on"] for i in evidence if i["observed_on"])
        conditions = list(dict.fromkeys(i["handling_conditions"] for i in evidence if i["handling_code"] == "C"))
        relations = list(dict.fromkeys(i["relation"] for i in evidence))
        edges.append({
            "id": f"tie{number}", "source": str(a), "target": str(b), "relations": relations,
            "relations_text": [RELATION_TEXT.get(r, r) for r in relations], "grade": grade,
            "style": line_style(grade), "handling_code": "C" if conditions or any(
                i["handling_code"] == "C" for i in evidence) else ("P" if any(i["handling_code"] for i in evidence)
                                                                  else None),
            "handling_conditions": [c for c in conditions if c], "first_observed": dates[0] if dates else None,
            "last_observed": dates[-1] if dates else None, "count": len(evidence),
            "evidence": [_item(i) for i in evidence],
        })
    return edges


def _strongest_first(item: dict):
    return (-grading.grade_weight(item["grade"][0], item["grade"][1]), item["observed_on"] or "",
            item["evidence_kind"], item["evidence_id"])


def _item(item: dict) -> dict:
    return {"kind": item["evidence_kind"], "id": item["evidence_id"], "relation": item["relation"],
            "relation_text": RELATION_TEXT.get(item["relation"], item["relation"]), "grade": item["grade"],
            "graded": item["intel_id"] is not None or item["evidence_kind"] != "link", "intel_id": item["intel_id"],
            "handling_code": item["handling_code"], "handling_conditions": item["handling_conditions"],
            "summary": item["summary"], "observed_on": item["observed_on"]}


def network_chart(db: Database, network_id: int, filters: Filters | None = None, limit: int = MAX_NODES) -> dict | None:
    """A network's chart: its members, the vehicles and places two or more of them share, and
    the phones and accounts by which members were in contact; ``None`` for a network with no
    members (unknown, or not found by the latest run)."""
    filters = filters or Filters()
    members = network_members(db, network_id)
    if not members:
        return None
    shared = shared_places(db, members, filters)
    means = [m for m in means_in_contact(db, members, filters) if m not in set(shared)]
    return build(db, members + shared + means, filters, limit=limit)


def people_named(chart: dict) -> list[str]:
    """Person IDs a chart shows (for the audit log)."""
    return [n["id"] for n in chart["nodes"] if n["kind"] == "person"]
