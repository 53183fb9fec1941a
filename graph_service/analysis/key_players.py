"""Key players of a network: who holds it together, who connects it to others.

Three measures per person, all from the association graph's ties and nothing else (never
age, gender, ethnicity, nationality, religion or any other protected characteristic):

- **weighted degree**: the sum of the person's tie weights (how much graded evidence
  connects them to others);
- **betweenness**: the share of shortest paths between other members of their network that
  run through them, over the network's own ties, with a tie's length ``1 / weight`` so that
  strong ties are short: who holds the network together (Borgatti 2006). Within the network,
  not the whole graph: over the whole graph a member of a five-person network scores by where
  that network sits among the others, which brokerage already says, and the whole graph's
  paths cost most of the network pipeline on a force's store (docs/networks.md). Exact for
  networks of up to :data:`EXACT_BETWEENNESS_UP_TO` people, estimated from a seeded sample of
  :data:`BETWEENNESS_SAMPLE` source people above that; 0 for a person in no network;
- **brokerage**: the participation coefficient over networks, ``1 - sum_s (k_s / k)^2``
  where ``k_s`` is the weight of the person's ties into network ``s`` (a person in no network
  counts as a group of their own): 0 when every tie stays in one network, towards 1 when
  the ties spread evenly over many. ``bridges`` names the other networks they reach.

A child who ranks as a key player may be being used to recruit others: the service shows
them as a **child at risk first** (:func:`role_label`). Being a key player never turns a
child into a suspect in the service's words.

>>> import networkx as nx
>>> g = nx.Graph([("a", "b", {"weight": 1.0}), ("b", "c", {"weight": 1.0}), ("c", "d", {"weight": 1.0})])
>>> scores = key_player_scores(g, {"a": 1, "b": 1, "c": 2, "d": 2})
>>> scores["b"].weighted_degree, round(scores["b"].brokerage, 2), scores["b"].bridges
(2.0, 0.5, (2,))
>>> scores["b"].betweenness        # a network of two has no path between others
0.0

References: Freeman (1977), "A set of measures of centrality based on betweenness",
Sociometry 40; Borgatti (2006), "Identifying sets of key players in a social network",
Computational and Mathematical Organization Theory 12; Brandes & Pich (2007), "Centrality estimation in large networks" (sampled
betweenness); Guimerà & Amaral (2005), "Functional cartography of complex metabolic
networks", Nature 433 (participation coefficient).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping

import networkx as nx

EXACT_BETWEENNESS_UP_TO = 2_000
BETWEENNESS_SAMPLE = 500
#: How many people each measure nominates as key players of a network.
TOP_PER_MEASURE = 3

MEASURES = {
    "weighted_degree": "strongest ties",
    "betweenness": "on the most paths between others",
    "brokerage": "connects networks",
}


@dataclass(frozen=True)
class KeyPlayerScores:
    weighted_degree: float
    betweenness: float
    brokerage: float
    bridges: tuple  # the other networks this person has ties into, sorted


def key_player_scores(
    graph: nx.Graph,
    network_of: Mapping[Hashable, Hashable | None],
    weight: str = "weight",
    seed: int = 42,
) -> dict[Hashable, KeyPlayerScores]:
    """Scores of every node of ``graph``; ``network_of`` maps a node to its network (or None)."""
    betweenness = weighted_betweenness(graph, network_of, weight, seed)
    scores = {}
    for node in graph:
        own = network_of.get(node)
        into: dict[Hashable, float] = {}
        for neighbour, data in graph[node].items():
            if neighbour == node:
                continue
            group = network_of.get(neighbour)
            key = ("alone", neighbour) if group is None else ("network", group)
            into[key] = into.get(key, 0.0) + data.get(weight, 1.0)
        strength = sum(into.values())
        brokerage = 1.0 - sum((w / strength) ** 2 for w in into.values()) if strength else 0.0
        bridges = tuple(sorted(g for kind, g in into if kind == "network" and g != own))
        scores[node] = KeyPlayerScores(
            weighted_degree=strength, betweenness=betweenness[node], brokerage=brokerage, bridges=bridges
        )
    return scores


def weighted_betweenness(
    graph: nx.Graph,
    network_of: Mapping[Hashable, Hashable | None],
    weight: str = "weight",
    seed: int = 42,
) -> dict[Hashable, float]:
    """Betweenness of every node within its own network (``network_of``; 0 for a node in
    none), normalised as NetworkX does over the network's members (``[0, 1]``), a tie's length
    being ``1 / weight`` and only ties inside the network counted; from a seeded sample of
    :data:`BETWEENNESS_SAMPLE` source members in a network of more than
    :data:`EXACT_BETWEENNESS_UP_TO` people (Brandes & Pich 2007).

    Computed by igraph (compiled C), the same figures as ``networkx.betweenness_centrality``
    on each network's subgraph. The small networks go in one call: their ties alone make a
    graph whose components are the networks, so no path leaves its network.

    >>> g = nx.path_graph(["a", "b", "c", "x", "y", "z"])
    >>> b = weighted_betweenness(g, {"a": 1, "b": 1, "c": 1, "x": 2, "y": 2, "z": 2})
    >>> b["b"], b["c"], b["y"]       # c's tie to x leaves its network: not a path within it
    (1.0, 0.0, 1.0)
    """
    import igraph

    result = dict.fromkeys(graph, 0.0)
    groups: dict[Hashable, list] = {}
    for node in graph:
        if network_of.get(node) is not None:
            groups.setdefault(network_of[node], []).append(node)
    size = {group: len(members) for group, members in groups.items()}
    inside: dict[Hashable, list] = {}  # network -> its own ties, (u, v, length)
    for u, v, w in graph.edges(data=weight, default=1.0):
        group = network_of.get(u)
        if u != v and group is not None and network_of.get(v) == group:
            inside.setdefault(group, []).append((u, v, 1.0 / w))
    small = [group for group in groups if size[group] <= EXACT_BETWEENNESS_UP_TO]
    large = [group for group in groups if size[group] > EXACT_BETWEENNESS_UP_TO]
    for part, sample in [(small, None), *(([group], BETWEENNESS_SAMPLE) for group in large)]:
        members = [m for group in part for m in groups[group]]
        if not members:
            continue
        index = {node: i for i, node in enumerate(members)}
        ties = [tie for group in part for tie in inside.get(group, ())]
        g = igraph.Graph(n=len(members), edges=[(index[u], index[v]) for u, v, _ in ties])
        lengths = [length for _, _, length in ties]
        if sample is None:
            raw, scale = g.betweenness(weights=lengths), 1.0
        else:
            sources = random.Random(seed).sample(range(len(members)), sample)
            raw, scale = g.betweenness(weights=lengths, sources=sources), len(members) / sample
        for node, value in zip(members, raw, strict=True):
            n = size[network_of[node]]
            result[node] = value * scale / ((n - 1) * (n - 2) / 2) if n >= 3 else 0.0
    return result


@dataclass(frozen=True)
class KeyPlayer:
    node: Hashable
    reasons: tuple[str, ...]  # the measures on which the person ranks in the network's top


def key_players(
    members: Iterable[Hashable], scores: Mapping[Hashable, KeyPlayerScores], top: int = TOP_PER_MEASURE
) -> list[KeyPlayer]:
    """The members in the ``top`` of any measure, best-ranked first.

    A measure nominates only people who score above zero on it (nobody is a broker whose
    ties all stay inside the network). Ties between equal scores go to the smaller ID.
    """
    members = sorted(members, key=str)
    best_rank: dict[Hashable, int] = {}
    reasons: dict[Hashable, list[str]] = {}
    for measure, words in MEASURES.items():
        ranked = sorted(members, key=lambda m: -getattr(scores[m], measure))
        for rank, member in enumerate(ranked[:top]):
            if getattr(scores[member], measure) > 0:
                best_rank[member] = min(best_rank.get(member, rank), rank)
                reasons.setdefault(member, []).append(words)
    ordered = sorted(best_rank, key=lambda m: (best_rank[m], -scores[m].weighted_degree, str(m)))
    return [KeyPlayer(node=m, reasons=tuple(reasons[m])) for m in ordered]


def role_label(is_child: bool, key_player: bool) -> str:
    """How the service names a member: a child is a child at risk first, always."""
    if is_child and key_player:
        return "child at risk (may be being used to recruit others: safeguard first)"
    if is_child:
        return "child at risk"
    return "person of interest" if key_player else "associate"
