"""Networks: find the groups in the association graph, keep their IDs, name their key players.

The steps, each in its own module:

1. :func:`~graph_service.analysis.association.association_graph`: the weighted graph of
   people from graded evidence (``cypher/networks/evidence_*.cypher``);
2. :func:`~graph_service.analysis.communities.detect_networks`: communities by Louvain
   (NetworkX) or Leiden (igraph); three or more people make a network;
3. :func:`~graph_service.analysis.network_ids.assign_network_ids`: the previous run's IDs
   carried over by overlap;
4. :mod:`~graph_service.analysis.key_players`: weighted degree, betweenness, brokerage;
5. :mod:`~graph_service.analysis.network_concern`: each network's concern profile and its rank
   (children at risk, adult–child association, missing episodes, places of concern).

:func:`find_networks` runs 2–4 on any graph (no database); :func:`run_networks` runs them all
on the stored intelligence and writes back what changed
(:func:`~graph_service.analysis.network_store.write_networks`); see
``docs/networks.md`` for what is stored and how to query it.

>>> import networkx as nx
>>> graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
>>> result = find_networks(graph)
>>> {i: sorted(members) for i, members in result.networks.items()}
{1: ['a', 'b', 'c']}
"""

from __future__ import annotations

import gc
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import networkx as nx

from graph_service.analysis.association import association_graph, build_association_graph  # noqa: F401
from graph_service.analysis.communities import (  # noqa: F401
    DEFAULT_OBJECTIVE,
    MIN_NETWORK_SIZE,
    Partition,
    detect_networks,
)
from graph_service.analysis.key_players import KeyPlayer, key_player_scores, key_players
from graph_service.analysis.network_concern import ConcernProfile, network_profiles, rank_networks
from graph_service.analysis.network_ids import assign_network_ids
from graph_service.analysis.network_store import NetworkWrite
from graph_service.settings import Settings
from graph_service.vocabulary import PLACES_OF_CONCERN

#: ``limit`` of an unpaged list (Cypher's LIMIT takes a number).
LIST_ALL = 2**62


@dataclass
class NetworkResult:
    """One run of network detection over a graph."""

    graph: nx.Graph
    partition: Partition
    networks: dict[int, frozenset]  # network_id -> members, in ID order
    scores: dict  # node -> KeyPlayerScores
    key_players: dict[int, list[KeyPlayer]]  # network_id -> key players, best first
    network_of: dict = field(default_factory=dict)  # node -> network_id, members only
    concern: dict[int, ConcernProfile] = field(default_factory=dict)  # network_id -> profile
    concern_rank: dict[int, int | None] = field(default_factory=dict)  # 1 = of most concern

    def by_concern(self) -> list[int]:
        """Network IDs, the network of most concern first; those not of concern last, by ID."""
        return sorted(self.networks, key=lambda n: (self.concern_rank.get(n) is None, self.concern_rank.get(n) or 0, n))

    def members(self, network_id: int) -> list:
        """Members of a network, key players first, then by weighted degree."""
        rank = {kp.node: i for i, kp in enumerate(self.key_players[network_id])}
        return sorted(
            self.networks[network_id],
            key=lambda m: (rank.get(m, len(rank)), -self.scores[m].weighted_degree, str(m)),
        )


@dataclass
class NetworkRun:
    """A run over the stored intelligence: the result plus when and how it ran."""

    result: NetworkResult
    run_id: str
    ran_at: datetime
    as_of: date
    projection_seconds: float
    #: How many membership and tie rows the write-back deleted, wrote and kept (empty when not written).
    written: dict[str, int] = field(default_factory=dict)


def find_networks(
    graph: nx.Graph,
    method: str = "auto",
    resolution: float | None = None,
    seed: int = 42,
    previous: dict[int, frozenset] | None = None,
    next_id: int = 1,
    objective: str = "modularity",
    relatives=(),
    placed_at=None,
) -> NetworkResult:
    """Networks of ``graph`` with stable IDs (against ``previous``), key players and concern
    profiles (``relatives`` and ``placed_at`` as :func:`~graph_service.analysis.network_concern.concern_profile`
    takes them)."""
    partition = detect_networks(graph, method=method, resolution=resolution, seed=seed, objective=objective)
    networks = assign_network_ids(partition.networks, previous or {}, next_id)
    network_of = {member: network_id for network_id, members in networks.items() for member in members}
    scores = key_player_scores(graph, network_of, seed=seed)
    players = {network_id: key_players(members, scores) for network_id, members in networks.items()}
    profiles = network_profiles(graph, networks, relatives, placed_at)
    return NetworkResult(graph, partition, networks, scores, players, network_of, profiles, rank_networks(profiles))


def run_networks(
    db,
    method: str = "auto",
    resolution: float | None = None,
    seed: int = 42,
    as_of: date | None = None,
    write: bool = True,
    objective: str = DEFAULT_OBJECTIVE,
    publish_batch: int = Settings.publish_batch,
) -> NetworkRun:
    """Project the stored intelligence, find its networks and (by default) write them back
    (a store's first run of more than ``publish_batch`` rows in batches, with reads refused
    meanwhile: :mod:`~graph_service.analysis.network_batches`)."""
    with collector_paused():
        return _run_networks(db, method, resolution, seed, as_of or date.today(), write, objective, publish_batch)


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused for a run. A run makes millions of small
    objects (evidence items, rows) and no cycles to speak of; the collector scanned them all
    again and again as they grew, a third of the time of building a force's graph. Only the
    command line runs networks, in a process of its own."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _run_networks(db, method, resolution, seed, as_of: date, write: bool, objective: str,
                  publish_batch: int) -> NetworkRun:
    began = time.perf_counter()
    graph, previous, next_id, relatives, placed_at = read_run(db, as_of)
    projection_seconds = time.perf_counter() - began
    with NetworkWrite(db, graph, publish_batch) if write else nullcontext() as writing:  # the ties, while detection runs
        result = find_networks(graph, method, resolution, seed, previous, next_id, objective, relatives, placed_at)
        run = NetworkRun(
            result=result, run_id=uuid.uuid4().hex, ran_at=datetime.now(timezone.utc), as_of=as_of,
            projection_seconds=projection_seconds,
        )
        if writing is not None:
            run.written = writing.finish(run)
    return run


def read_run(db, as_of: date) -> tuple[nx.Graph, dict[int, frozenset], int, set[frozenset], dict[str, list[tuple]]]:
    """Everything a run reads, asked for at once (the server answers side by side on its
    cores while this process weighs the first answers): the association graph, the previous
    networks and the next ID, and the facts concern profiles read besides ties."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        previous = pool.submit(previous_networks, db)
        facts = pool.submit(concern_facts, db, as_of)
        graph = association_graph(db, as_of=as_of)
        return graph, *previous.result(), *facts.result()


def concern_facts(db, as_of: date) -> tuple[set[frozenset], dict[str, list[tuple]]]:
    """Recorded family pairs of children at risk and their relatives, and the places of
    concern each person is placed at: what concern profiles read besides ties."""
    relatives = {frozenset((r["person_a"], r["person_b"]))
                 for r in db.read_packed("networks/relatives", as_of=as_of.isoformat())}
    placed_at = {
        row["person_id"]: [tuple(place) for place in row["places"]]
        for row in db.read_packed("networks/places_of_concern", categories=sorted(PLACES_OF_CONCERN),
                                  as_of=as_of.isoformat())
    }
    return relatives, placed_at


def previous_networks(db) -> tuple[dict[int, frozenset], int]:
    """The stored networks' members and the lowest network ID never used."""
    previous = {row["network_id"]: frozenset(row["members"])
                for row in db.read_packed("networks/current_members")}
    next_id = db.read("networks/next_id")[0]["next_id"]
    return previous, next_id


# -- reading back --------------------------------------------------------------------------
def list_networks(db, of_concern: bool | None = None, offset: int = 0, limit: int | None = None,
                  person_ids: frozenset[str] | None = None) -> list[dict]:
    """The current networks in order of concern: rank (None when not of concern), score and
    reasons, size, children at risk, key players, when first seen. ``of_concern`` keeps the
    networks of concern (True) or the others (False); ``person_ids`` (the people in an area,
    :func:`graph_service.analysis.area_filter.people_in_area`) keeps the networks with a member
    among them, in the same order; ``offset`` and ``limit`` page the list."""
    return db.read("networks/list", of_concern=of_concern, skip=max(offset, 0),
                   limit=LIST_ALL if limit is None else max(limit, 0), person_ids=_listed(person_ids))


def count_networks(db, person_ids: frozenset[str] | None = None) -> dict:
    """``{"total": ..., "of_concern": ...}`` over the current networks (with a member among
    ``person_ids`` when given)."""
    return db.read("networks/count", person_ids=_listed(person_ids))[0]


def _listed(person_ids: frozenset[str] | None) -> list[str] | None:
    return None if person_ids is None else sorted(person_ids)


def network_detail(db, network_id: int) -> dict | None:
    """One network: its run, members with scores and roles, ties, and locations; None if unknown."""
    if not -(2**63) <= network_id < 2**63:  # Neo4j integers are 64-bit: no such network can exist
        return None
    found = db.read("networks/get", network_id=network_id)
    if not found:
        return None
    return {
        **found[0],
        "members": db.read("networks/members", network_id=network_id),
        "ties": db.read("networks/ties", network_id=network_id),
        "locations": db.read("networks/locations", network_id=network_id),
    }
