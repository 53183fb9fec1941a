"""Community detection: which people form a network.

One function, :func:`detect_networks`, with two engines behind it:

- ``"louvain"``: NetworkX's Louvain method, seeded (the default on graphs of up to
  :data:`AUTO_LEIDEN_ABOVE_EDGES` ties);
- ``"leiden"``: igraph's Leiden algorithm (compiled C), for large graphs: many times faster
  than NetworkX at hundreds of thousands of nodes, and its communities are guaranteed to be
  connected.

``method="auto"`` picks by size. Both maximise weighted modularity at the given resolution
(higher resolution: more, smaller networks). The result lists every node in exactly one
community; only communities of :data:`MIN_NETWORK_SIZE` or more people are *networks*:
a person alone or a pair is not a network.

Modularity has a resolution limit: on a large sparse graph it merges a small, tightly tied
group into a big neighbouring community whenever one weak tie joins them (Fortunato &
Barthélemy 2007). ``objective="cpm"`` (Leiden only) maximises the Constant Potts Model
instead, which has no such limit: a group holds together when its members' tie weight per
pair of members exceeds the resolution (default :data:`DEFAULT_RESOLUTION` ``["cpm"]``).
On a force-wide graph it keeps a five-person network five people where modularity folds it
into hundreds (figures in ``docs/networks.md``).

>>> import networkx as nx
>>> partition = detect_networks(nx.karate_club_graph(), seed=42)
>>> partition.method, sum(len(c) for c in partition.communities)
('louvain', 34)
>>> partition.modularity > 0.4
True

References: Blondel et al. (2008), "Fast unfolding of communities in large networks",
J. Stat. Mech. P10008; Traag, Waltman & van Eck (2019), "From Louvain to Leiden:
guaranteeing well-connected communities", Sci. Rep. 9, 5233; Fortunato & Barthélemy (2007),
"Resolution limit in community detection", PNAS 104(1); Traag, Van Dooren & Nesterov (2011),
"Narrow scope for resolution-limit-free community detection", Phys. Rev. E 84, 016114 (CPM).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Hashable

import networkx as nx

#: Fewer people than this is not a network (a singleton or a pair).
MIN_NETWORK_SIZE = 3
#: ``method="auto"`` switches from NetworkX Louvain to igraph Leiden above this many ties.
AUTO_LEIDEN_ABOVE_EDGES = 50_000
METHODS = ("auto", "louvain", "leiden")
OBJECTIVES = ("modularity", "cpm")
#: What the service detects in stored intelligence unless told otherwise: CPM finds tight
#: groups where modularity folds a small network into a big neighbouring community (figures in
#: ``docs/networks.md``). The functions here stay general: modularity unless asked.
DEFAULT_OBJECTIVE = "cpm"
#: Resolution when none is given: modularity's natural 1; for CPM, a tie weight of 0.05 per
#: pair of members (one recent 1A item ties a pair with weight 1), so a group of ten holds
#: together with ties worth 2.25 among its 45 pairs.
DEFAULT_RESOLUTION = {"modularity": 1.0, "cpm": 0.05}
#: Leiden iterations: two is the algorithm authors' default; more buys little modularity
#: for much more time (measured in benchmarks/networks.py).
LEIDEN_ITERATIONS = 2


@dataclass(frozen=True)
class Partition:
    """The communities one detection run found.

    Attributes
    ----------
    communities : list of frozenset
        Every node of the graph in exactly one community; largest first, then by smallest
        member, so the same graph always lists them in the same order.
    method : str
        The engine that ran: ``"louvain"`` or ``"leiden"`` (never ``"auto"``).
    objective : str
        What it maximised: ``"modularity"`` or ``"cpm"``.
    resolution, seed : the parameters of the run.
    modularity : float or None
        Weighted modularity of the partition (at ``resolution`` for the modularity objective,
        at 1 for CPM, so runs can be compared); None for a graph with no ties.
    seconds : float
        Time the engine took (including handing the graph to igraph).
    """

    communities: list[frozenset]
    method: str
    objective: str
    resolution: float
    seed: int
    modularity: float | None
    seconds: float
    membership: dict[Hashable, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(
            self, "membership", {node: i for i, community in enumerate(self.communities) for node in community}
        )

    @property
    def networks(self) -> list[frozenset]:
        """The communities big enough to be networks (:data:`MIN_NETWORK_SIZE` or more)."""
        return [c for c in self.communities if len(c) >= MIN_NETWORK_SIZE]


def check_parameters(method: str = "auto", objective: str = "modularity", resolution: float | None = None) -> None:
    """``ValueError`` naming the problem when the parameters cannot be used together."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    if objective not in OBJECTIVES:
        raise ValueError(f"unknown objective {objective!r}: use one of {', '.join(OBJECTIVES)}")
    if objective == "cpm" and method == "louvain":
        raise ValueError("the cpm objective needs the leiden method (NetworkX Louvain maximises modularity only)")
    if resolution is not None and not resolution > 0:
        raise ValueError(f"resolution must be a positive number, not {resolution!r}")


def choose_method(graph, method: str = "auto", objective: str = "modularity") -> str:
    """The engine ``method`` means for ``graph`` (NetworkX or igraph): ``"auto"`` picks Leiden
    for large graphs and for CPM, which only Leiden optimises."""
    check_parameters(method, objective)
    if method == "auto":
        if objective == "cpm":
            return "leiden"
        ties = graph.ecount() if _is_igraph(graph) else graph.number_of_edges()
        return "leiden" if ties > AUTO_LEIDEN_ABOVE_EDGES else "louvain"
    return method


def detect_networks(
    graph,
    method: str = "auto",
    resolution: float | None = None,
    seed: int = 42,
    objective: str = "modularity",
    weight: str = "weight",
) -> Partition:
    """Communities of ``graph`` by weighted modularity or CPM (see the module docstring).

    ``graph`` is a ``networkx.Graph``, or an ``igraph.Graph`` (nodes named by the vertex
    attribute ``name``, else numbered; ``weight`` an edge attribute) as large graphs are read
    without NetworkX (:func:`~graph_service.analysis.edgelist.read_edgelist_igraph`).
    ``resolution`` None means the objective's default. The same graph (same nodes and ties,
    added in the same order) with the same parameters always gives the same partition.
    """
    check_parameters(method, objective, resolution)
    engine = choose_method(graph, method, objective)
    resolution = DEFAULT_RESOLUTION[objective] if resolution is None else resolution
    if graph.is_directed():
        raise ValueError("detect_networks needs an undirected graph")
    if _is_igraph(graph) and engine == "louvain":
        graph = _networkx_from_igraph(graph, weight)
    began = time.perf_counter()
    if _is_igraph(graph):
        names = graph.vs["name"] if "name" in graph.vs.attributes() else range(graph.vcount())
        # igraph reads a weight attribute by name itself: no list of millions of floats.
        weights = weight if weight in graph.es.attributes() else None
        if graph.ecount() == 0:
            found, modularity = [{node} for node in names], None
        else:
            found, modularity = _leiden_igraph(graph, names, weights, resolution, seed, objective)
    elif nx.is_empty(graph):  # (counting the ties walks every node: a tenth of a second on a force's graph)
        found, modularity = [{node} for node in graph], None
    elif engine == "louvain":
        found = nx.community.louvain_communities(graph, weight=weight, resolution=resolution, seed=seed)
        modularity = nx.community.modularity(graph, found, weight=weight, resolution=resolution)
    else:
        found, modularity = _leiden(graph, weight, resolution, seed, objective)
    seconds = time.perf_counter() - began
    return Partition(
        communities=_canonical(found), method=engine, objective=objective, resolution=resolution, seed=seed,
        modularity=modularity, seconds=seconds,
    )


def _leiden(graph: nx.Graph, weight: str, resolution: float, seed: int, objective: str) -> tuple[list[set], float]:
    import igraph

    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges, weights = [], []
    for u, v, w in graph.edges(data=weight, default=1.0):
        edges.append((index[u], index[v]))
        weights.append(w)
    return _leiden_igraph(igraph.Graph(n=len(nodes), edges=edges), nodes, weights, resolution, seed, objective)


def _leiden_igraph(g, nodes, weights, resolution: float, seed: int, objective: str) -> tuple[list[set], float]:
    import igraph

    # igraph draws its random numbers from a Python generator: a seeded one makes the run
    # repeatable; the module's own generator is put back afterwards.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        clustering = g.community_leiden(
            objective_function="CPM" if objective == "cpm" else "modularity", weights=weights,
            resolution=resolution, n_iterations=LEIDEN_ITERATIONS,
        )
    finally:
        igraph.set_random_number_generator(random)
    modularity = g.modularity(
        clustering.membership, weights=weights, resolution=resolution if objective == "modularity" else 1.0
    )
    found: dict[int, set] = {}
    for node, label in zip(nodes, clustering.membership, strict=False):
        found.setdefault(label, set()).add(node)
    return list(found.values()), modularity


def _is_igraph(graph) -> bool:
    return type(graph).__module__.startswith("igraph")


def _networkx_from_igraph(graph, weight: str) -> nx.Graph:
    """NetworkX Louvain on an igraph graph: the same nodes and ties, in igraph's order."""
    names = graph.vs["name"] if "name" in graph.vs.attributes() else range(graph.vcount())
    weights = graph.es[weight] if weight in graph.es.attributes() else [1.0] * graph.ecount()
    converted = nx.Graph()
    converted.add_nodes_from(names)
    converted.add_weighted_edges_from(
        ((names[u], names[v], w) for (u, v), w in zip(graph.get_edgelist(), weights, strict=True)), weight=weight
    )
    return converted


def _canonical(communities) -> list[frozenset]:
    """Largest first, then by smallest member (as text, so mixed ID types still sort)."""
    frozen = [frozenset(c) for c in communities if c]
    return sorted(frozen, key=lambda c: (-len(c), min(map(str, c))))
