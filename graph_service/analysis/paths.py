"""How are two entities connected? The k shortest paths between them over the evidence graph.

A path is a chain of hops from one person, vehicle or place to another; a hop is every item of
evidence that joins two entities (intelligence links with their grades, sightings and missing
episodes as recorded facts), filtered by kind of link, lowest grade and date
(:class:`~graph_service.analysis.evidence_graph.Filters`). An item graded E never joins
anything.

How: the evidence graph is read around both ends, one hop at a time from each
(``cypher/workspace/hops.cypher``), until the two balls together hold every path of up to
``max_hops`` hops: a node on such a path is at most ``ceil(max_hops / 2)`` hops from one end.
Yen's algorithm (NetworkX ``shortest_simple_paths``) then lists the simple paths, shortest
first. Among paths of the same length the one whose hops are stronger comes first: a hop
costs 1 plus a penalty below ``1 / (max_hops + 1)`` that shrinks as its strongest grade
grows, so strength never outweighs an extra hop.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b"), ("b", "d"), ("a", "c"), ("c", "d"), ("a", "d")])
>>> nx.set_edge_attributes(g, 1.0, "cost")
>>> [len(p) - 1 for p in _k_shortest(g, "a", "d", 3, max_hops=4)]   # hops of each path
[1, 2, 2]

References: J. Y. Yen, "Finding the k shortest loopless paths in a network", Management
Science 17 (1971) 712-716.
"""

from __future__ import annotations

import math

import networkx as nx

from graph_service import grading
from graph_service.analysis.evidence_graph import RELATION_TEXT, Entity, Filters, describe, hops
from graph_service.db import Database

#: Paths listed unless asked otherwise.
DEFAULT_K = 3
#: Most paths one question may ask for.
MAX_K = 20
#: Longest path looked for, in hops, unless asked otherwise; and the most that may be asked.
DEFAULT_MAX_HOPS = 4
MAX_HOPS = 6
#: Most entities one side's reading may reach before it stops widening: a busy place joins
#: hundreds of people, and the question must still be answered in about a second.
MAX_FRONTIER = 5000


def check_k(k: int) -> int:
    if not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise ValueError(f"k: give a whole number from 1 to {MAX_K}")
    return k


def check_max_hops(max_hops: int) -> int:
    if not isinstance(max_hops, int) or not 1 <= max_hops <= MAX_HOPS:
        raise ValueError(f"max hops: give a whole number from 1 to {MAX_HOPS}")
    return max_hops


def evidence_around(db: Database, source: Entity, target: Entity, filters: Filters,
                    max_hops: int = DEFAULT_MAX_HOPS) -> tuple[nx.Graph, bool]:
    """The evidence graph within reach of a path of up to ``max_hops`` between the two ends,
    as a NetworkX graph whose edges hold ``items`` (the evidence rows); and whether a side
    stopped widening at :data:`MAX_FRONTIER` (paths through it may then be missing)."""
    graph = nx.Graph()
    graph.add_nodes_from([source, target])
    seen = {source, target}
    frontiers = {source: {source}, target: {target}}
    reach = {source: math.ceil(max_hops / 2), target: max_hops // 2 if max_hops > 1 else 1}
    cut_short = False
    for depth in range(max(reach.values())):
        for end in (source, target):
            if depth >= reach[end] or not frontiers[end]:
                continue
            found = set()
            for row in hops(db, frontiers[end], filters):
                _add(graph, row)
                found.add(row["target"])
            fresh = found - seen
            seen |= fresh
            if len(seen) > MAX_FRONTIER:
                cut_short, fresh = True, set()
            frontiers[end] = fresh
    return graph, cut_short


def _add(graph: nx.Graph, row: dict) -> None:
    a, b = row["source"], row["target"]
    if not graph.has_edge(a, b):
        graph.add_edge(a, b, items={})
    # The same item is read from both of its ends: keep it once.
    graph[a][b]["items"].setdefault((row["evidence_kind"], row["evidence_id"]), row)


def _strength(items) -> float:
    return max((grading.grade_weight(i["grade"][0], i["grade"][1]) for i in items), default=0.0)


def _k_shortest(graph: nx.Graph, source, target, k: int, max_hops: int) -> list[list]:
    if source == target or source not in graph or target not in graph:
        return []
    # Only entities on some path of up to max_hops hops can be on an answer: the rest of what
    # was read (a busy place's other visitors) would only slow Yen's algorithm down.
    from_source = nx.single_source_shortest_path_length(graph, source, cutoff=max_hops)
    from_target = nx.single_source_shortest_path_length(graph, target, cutoff=max_hops)
    near = [n for n, d in from_source.items() if d + from_target.get(n, max_hops + 1) <= max_hops]
    if target not in near:
        return []
    found = []
    # Paths come shortest first, and a hop's cost keeps that order by hops: stop at the first
    # path that is too long.
    for nodes in nx.shortest_simple_paths(graph.subgraph(near), source, target, weight="cost"):
        if len(nodes) - 1 > max_hops or len(found) == k:
            break
        found.append(nodes)
    return found


def k_shortest_paths(db: Database, source: Entity, target: Entity, k: int = DEFAULT_K,
                     filters: Filters | None = None, max_hops: int = DEFAULT_MAX_HOPS) -> dict:
    """The ``k`` shortest paths from ``source`` to ``target``: ``{"from", "to", "paths",
    "entities", "complete"}``. Each path is ``{"length", "strength", "hops"}``; each hop is
    ``{"from", "to", "relation", "relations", "grade", "evidence"}`` (``from`` and ``to`` are
    ``kind:ID`` keys; ``entities`` describes each one), its evidence strongest first.
    ``complete`` is false when a side of the search stopped widening (see
    :data:`MAX_FRONTIER`)."""
    check_k(k)
    check_max_hops(max_hops)
    filters = filters or Filters()
    graph, cut_short = evidence_around(db, source, target, filters, max_hops)
    penalty = 1 / (max_hops + 2)  # per hop, below 1 / (max_hops + 1): never worth a hop
    for _, _, data in graph.edges(data=True):
        data["cost"] = 1 + penalty * (1 - _strength(data["items"].values()))
    paths = [_path(graph, nodes) for nodes in _k_shortest(graph, source, target, k, max_hops)]
    entities = describe(db, {e for p in paths for h in p["hops"] for e in (h["from"], h["to"])} | {source, target})
    for path in paths:
        for hop in path["hops"]:
            hop["from"], hop["to"] = str(hop["from"]), str(hop["to"])
    return {"from": str(source), "to": str(target), "k": k, "max_hops": max_hops, "complete": not cut_short,
            "paths": paths, "entities": {str(e): d for e, d in sorted(entities.items())}}


def _path(graph: nx.Graph, nodes: list) -> dict:
    hops_ = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        items = sorted(graph[a][b]["items"].values(), key=_item_order)
        evidence = [_evidence(item, a) for item in items]
        hops_.append({"from": a, "to": b, "relation": items[0]["relation"],
                      "relations": list(dict.fromkeys(i["relation"] for i in items)),
                      "grade": items[0]["grade"], "evidence": evidence})
    return {"length": len(hops_), "strength": round(min(_strength(graph[a][b]["items"].values())
                                                        for a, b in zip(nodes, nodes[1:], strict=False)), 3),
            "hops": hops_}


def _item_order(item: dict):
    return (-grading.grade_weight(item["grade"][0], item["grade"][1]), -_day(item["observed_on"]),
            item["evidence_kind"], item["evidence_id"])


def _day(text: str | None) -> int:
    return int(text.replace("-", "")) if text else 0


def _evidence(item: dict, walked_from: Entity) -> dict:
    return {"kind": item["evidence_kind"], "id": item["evidence_id"], "relation": item["relation"],
            "relation_text": RELATION_TEXT.get(item["relation"], item["relation"]),
            # A link is read from its subject to its object; said so when the path walks it backwards.
            "reversed": item["x_is_subject"] is not None and walked_from != _subject(item),
            "grade": item["grade"], "graded": item["intel_id"] is not None or item["evidence_kind"] != "link",
            "intel_id": item["intel_id"], "handling_code": item["handling_code"],
            "handling_conditions": item["handling_conditions"], "summary": item["summary"],
            "observed_on": item["observed_on"]}


def _subject(item: dict) -> Entity:
    return item["source"] if item["x_is_subject"] else item["target"]


def people_named(result: dict) -> list[str]:
    """Person IDs a paths answer shows (for the audit log)."""
    return [e["id"] for e in result["entities"].values() if e["kind"] == "person"]
