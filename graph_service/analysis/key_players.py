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
from typing import Hashable, Iterable, Mapping, NamedTuple

import networkx as nx
import numpy as np

EXACT_BETWEENNESS_UP_TO = 2_000
BETWEENNESS_SAMPLE = 500
#: About how many people of the small networks igraph is given at once.
BETWEENNESS_BLOCK = 2_000
#: How many people each measure nominates as key players of a network.
TOP_PER_MEASURE = 3

MEASURES = {
    "weighted_degree": "strongest ties",
    "betweenness": "on the most paths between others",
    "brokerage": "connects networks",
}


class KeyPlayerScores(NamedTuple):
    """One person's scores (a named tuple: a force's graph makes ninety thousand of them, and a
    frozen dataclass took half a second to build them)."""

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
    ties = _Ties(graph, network_of, weight)
    betweenness = _betweenness(ties, seed)
    # Each tie counted from both ends, summed by (person, the group at the other end): a
    # person in no network is a group of their own, coded past the networks' codes.
    source = np.concatenate([ties.u, ties.v])
    other = np.concatenate([ties.v, ties.u])
    weights = np.concatenate([ties.weight, ties.weight])
    group = ties.group[other]
    group = np.where(group >= 0, group, len(ties.groups) + other)
    pairs, into = np.unique(source.astype(np.int64) * (len(ties.groups) + len(ties.nodes)) + group,
                            return_inverse=True)
    into_weight = np.bincount(into, weights=weights, minlength=len(pairs))
    person, group = np.divmod(pairs, len(ties.groups) + len(ties.nodes))
    strength = np.bincount(person, weights=into_weight, minlength=len(ties.nodes)).astype(float)
    spread = np.bincount(person, weights=into_weight**2, minlength=len(ties.nodes)).astype(float)
    # sum_s (k_s / k)^2: 1 when every tie goes to one group (a person with no weight counts so)
    concentration = np.divide(spread, strength**2, out=np.ones(len(ties.nodes)), where=strength > 0)
    bridges: dict[int, list] = {}
    for i, g in zip(person.tolist(), group.tolist(), strict=True):  # pairs come sorted by person, then group
        if g < len(ties.groups) and g != ties.group[i]:
            bridges.setdefault(i, []).append(ties.groups[g])
    return {
        node: KeyPlayerScores(weighted_degree=degree, betweenness=between, brokerage=1.0 - concentrated,
                              bridges=tuple(bridges.get(i, ())))
        for i, (node, degree, between, concentrated) in enumerate(
            zip(ties.nodes, strength.tolist(), betweenness.tolist(), concentration.tolist(), strict=True))
    }


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
    ties = _Ties(graph, network_of, weight)
    return dict(zip(ties.nodes, _betweenness(ties, seed).tolist(), strict=True))


class _Ties:
    """A graph's ties as arrays (a force's graph has a quarter of a million; a Python loop
    over them was a second of every run): ``u``, ``v`` (node positions in ``nodes``) and
    ``weight``, self-ties left out, and each node's network as a position in ``groups``
    (sorted; -1 for a node in none)."""

    def __init__(self, graph: nx.Graph, network_of: Mapping[Hashable, Hashable | None], weight: str):
        self.nodes = list(graph)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.groups = sorted({network_of[n] for n in self.nodes if network_of.get(n) is not None})
        code = {g: i for i, g in enumerate(self.groups)}
        self.group = np.array([code.get(network_of.get(n), -1) for n in self.nodes], dtype=np.int64)
        u, v, w = [], [], []
        for a, b, tie_weight in graph.edges(data=weight, default=1.0):
            if a != b:
                u.append(index[a])
                v.append(index[b])
                w.append(tie_weight)
        self.u, self.v = np.array(u, dtype=np.int64), np.array(v, dtype=np.int64)
        self.weight = np.array(w, dtype=float)


def _betweenness(ties: _Ties, seed: int) -> np.ndarray:
    """:func:`weighted_betweenness` of each of ``ties.nodes``, in their order."""
    import igraph

    result = np.zeros(len(ties.nodes))
    if not ties.groups:  # nobody in a network: nobody on a path within one
        return result
    size = np.bincount(ties.group[ties.group >= 0], minlength=len(ties.groups))
    group_u = ties.group[ties.u]
    inside = (group_u >= 0) & (group_u == ties.group[ties.v])
    small = size <= EXACT_BETWEENNESS_UP_TO
    # The small networks go to igraph in blocks of whole networks, each block one graph whose
    # components are its networks: one call per network cost more in calls than in paths,
    # and one graph of every node cost more still (igraph's weighted betweenness clears an
    # array of every node for each source: 1.4 s over a force's graph).
    small_size = np.where(small, size, 0)
    block_of = (np.cumsum(small_size) - small_size) // BETWEENNESS_BLOCK
    in_small = np.flatnonzero((ties.group >= 0) & small[np.maximum(ties.group, 0)])
    order = in_small[np.argsort(block_of[ties.group[in_small]], kind="stable")]
    node_block = block_of[ties.group[order]]
    blocks = np.unique(node_block)
    node_starts = np.searchsorted(node_block, blocks)
    local = np.full(len(ties.nodes), -1, dtype=np.int64)
    local[order] = np.arange(len(order)) - node_starts[np.searchsorted(blocks, node_block)]
    kept = np.flatnonzero(inside & small[np.maximum(group_u, 0)])
    kept = kept[np.argsort(block_of[group_u[kept]], kind="stable")]
    tie_starts = np.searchsorted(block_of[group_u[kept]], blocks)
    for i in range(len(blocks)):
        nodes = order[node_starts[i]:node_starts[i + 1] if i + 1 < len(blocks) else None]
        block_ties = kept[tie_starts[i]:tie_starts[i + 1] if i + 1 < len(blocks) else None]
        g = igraph.Graph(n=len(nodes), edges=np.column_stack(
            [local[ties.u[block_ties]], local[ties.v[block_ties]]]).tolist())
        result[nodes] = g.betweenness(weights=(1.0 / ties.weight[block_ties]).tolist())
    for large in np.flatnonzero(~small):
        members = np.flatnonzero(ties.group == large)  # in the graph's order, as sampled
        local = np.full(len(ties.nodes), -1, dtype=np.int64)
        local[members] = np.arange(len(members))
        kept = inside & (group_u == large)
        g = igraph.Graph(n=len(members), edges=np.column_stack([local[ties.u[kept]], local[ties.v[kept]]]).tolist())
        sources = random.Random(seed).sample(range(len(members)), BETWEENNESS_SAMPLE)
        raw = np.array(g.betweenness(weights=(1.0 / ties.weight[kept]).tolist(), sources=sources))
        result[members] = raw * len(members) / BETWEENNESS_SAMPLE
    n = np.where(ties.group >= 0, size[np.maximum(ties.group, 0)], 0).astype(float)
    pairs = (n - 1) * (n - 2) / 2
    return np.divide(result, pairs, out=np.zeros_like(result), where=n >= 3)


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
