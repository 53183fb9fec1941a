"""Community detection quality on graphs with known answers, and the rules around it."""

from __future__ import annotations

import igraph
import networkx as nx
import pytest

from graph_service.analysis.communities import AUTO_LEIDEN_ABOVE_EDGES, choose_method, detect_networks
from graph_service.analysis.key_players import key_player_scores, key_players, role_label
from graph_service.analysis.networks import find_networks


def lfr(mu: float, seed: int) -> nx.Graph:
    graph = nx.LFR_benchmark_graph(
        1000, tau1=3, tau2=1.5, mu=mu, average_degree=20, max_degree=50,
        min_community=20, max_community=100, seed=seed,
    )
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return graph


def nmi(graph: nx.Graph, partition) -> float:
    """Normalised mutual information between the planted and the found communities."""
    planted: dict[frozenset, int] = {}
    nodes = list(graph)
    truth = [planted.setdefault(frozenset(graph.nodes[n]["community"]), len(planted)) for n in nodes]
    found = [partition.membership[n] for n in nodes]
    return igraph.compare_communities(truth, found, method="nmi")


@pytest.mark.parametrize("mu, least", [(0.1, 0.95), (0.3, 0.9)])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_default_method_recovers_planted_lfr_communities(mu, least, seed):
    graph = lfr(mu, seed)
    partition = detect_networks(graph)
    assert partition.method == "louvain"
    assert nmi(graph, partition) >= least


@pytest.mark.parametrize("mu, least", [(0.1, 0.95), (0.3, 0.9)])
def test_leiden_engine_recovers_planted_lfr_communities_too(mu, least):
    graph = lfr(mu, 2)
    partition = detect_networks(graph, method="leiden")
    assert partition.method == "leiden"
    assert nmi(graph, partition) >= least


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_karate_club_modularity_is_at_least_0_40(method):
    graph = nx.karate_club_graph()
    partition = detect_networks(graph, method=method)
    assert partition.modularity >= 0.40
    assert partition.modularity == pytest.approx(
        nx.community.modularity(graph, partition.communities, weight="weight")
    )


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_every_node_is_in_exactly_one_community(method):
    graph = lfr(0.3, 1)
    graph.add_nodes_from(["alone"])
    partition = detect_networks(graph, method=method)
    listed = [n for c in partition.communities for n in c]
    assert sorted(listed, key=str) == sorted(graph, key=str)
    assert len(listed) == len(set(listed))


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_same_graph_and_seed_give_the_same_partition(method):
    first = detect_networks(lfr(0.3, 3), method=method, seed=7)
    again = detect_networks(lfr(0.3, 3), method=method, seed=7)
    assert first.communities == again.communities


def test_singletons_and_pairs_are_not_networks():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    graph.add_node("z")
    partition = detect_networks(graph)
    assert sorted(map(sorted, partition.communities)) == [["a", "b", "c"], ["x", "y"], ["z"]]
    assert [sorted(n) for n in partition.networks] == [["a", "b", "c"]]


def test_higher_resolution_finds_more_smaller_networks():
    graph = lfr(0.1, 1)
    coarse = detect_networks(graph, resolution=0.2)
    fine = detect_networks(graph, resolution=3.0)
    assert len(fine.communities) > len(coarse.communities)


def test_auto_uses_leiden_only_on_large_graphs():
    small = nx.gnm_random_graph(1000, 5000, seed=1)
    large = nx.gnm_random_graph(30_000, AUTO_LEIDEN_ABOVE_EDGES + 1, seed=1)
    assert choose_method(small) == "louvain"
    assert choose_method(large) == "leiden"
    assert choose_method(large, "louvain") == "louvain"


@pytest.mark.parametrize("bad", [0, -1.0, float("nan")])
def test_resolution_must_be_positive(bad):
    with pytest.raises(ValueError, match="resolution"):
        detect_networks(nx.karate_club_graph(), resolution=bad)


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown method 'spectral'"):
        detect_networks(nx.karate_club_graph(), method="spectral")


def test_a_graph_without_ties_has_no_networks_and_no_modularity():
    graph = nx.Graph()
    graph.add_nodes_from("abc")
    partition = detect_networks(graph)
    assert partition.networks == [] and partition.modularity is None
    assert len(partition.communities) == 3


def two_groups_and_a_broker() -> nx.Graph:
    """Two tight groups of five; 'hub' has the heaviest ties; 'bridge' alone links the groups."""
    graph = nx.Graph()
    left, right = [f"L{i}" for i in range(5)], [f"R{i}" for i in range(5)]
    for group in (left, right):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                graph.add_edge(a, b, weight=1.0)
    for member in left[1:]:
        graph["L0"][member]["weight"] = 3.0  # L0 is the hub of the left group
    graph.add_edge("L4", "bridge", weight=1.0)
    graph.add_edge("bridge", "L3", weight=1.0)
    graph.add_edge("bridge", "R0", weight=1.0)
    return graph


def test_key_players_name_the_hub_and_the_broker():
    graph = two_groups_and_a_broker()
    network_of = {n: ("left" if n.startswith("L") or n == "bridge" else "right") for n in graph}
    scores = key_player_scores(graph, network_of)
    assert max(scores, key=lambda n: scores[n].weighted_degree) == "L0"
    # Betweenness is counted within a network: the hub holds the left group together; the
    # bridge's place between the groups is its brokerage, not paths inside its own group.
    assert max(scores, key=lambda n: scores[n].betweenness) == "L0"
    assert scores["bridge"].betweenness == 0.0
    assert max(scores, key=lambda n: scores[n].brokerage) == "bridge"
    assert scores["bridge"].bridges == ("right",) and scores["L1"].bridges == ()
    assert scores["L1"].brokerage == 0.0  # every tie stays inside its network

    players = key_players([n for n in graph if network_of[n] == "left"], scores)
    assert players[0].node == "L0"
    bridge = next(p for p in players if p.node == "bridge")
    assert "connects networks" in bridge.reasons


def test_nobody_is_named_a_broker_whose_ties_stay_inside():
    graph = nx.complete_graph(["a", "b", "c", "d"])
    scores = key_player_scores(graph, dict.fromkeys(graph, 1))
    assert all("connects networks" not in p.reasons for p in key_players(graph, scores))


def test_a_child_key_player_is_shown_as_a_child_at_risk_first():
    label = role_label(is_child=True, key_player=True)
    assert label.startswith("child at risk")
    assert role_label(True, False) == "child at risk"
    for words in ("recruiter", "perpetrator", "offender", "suspect"):
        assert words not in label


def test_find_networks_numbers_networks_and_keeps_previous_ids():
    graph = two_groups_and_a_broker()
    first = find_networks(graph)
    assert sorted(first.networks) == [1, 2]
    second = find_networks(graph, previous={9: first.networks[2], 4: first.networks[1]}, next_id=10)
    assert second.networks == {4: first.networks[1], 9: first.networks[2]}


@pytest.mark.parametrize("seed", [1, 2])
def test_betweenness_matches_networkx_with_ties_as_lengths(seed):
    from graph_service.analysis.key_players import weighted_betweenness

    graph = nx.gnm_random_graph(120, 300, seed=seed)
    # Lengths exact in binary (8, 4, 2, 1), so equally short paths are equal for both
    # libraries (igraph compares path lengths with a tolerance, NetworkX exactly).
    for i, (u, v) in enumerate(graph.edges()):
        graph[u][v]["weight"] = (0.125, 0.25, 0.5, 1.0)[i % 4]
    expected = nx.betweenness_centrality(graph, weight=lambda u, v, d: 1.0 / d["weight"])
    assert weighted_betweenness(graph, dict.fromkeys(graph, 1)) == pytest.approx(expected, abs=1e-12)


def test_betweenness_is_counted_within_each_network_over_its_own_ties():
    from graph_service.analysis.key_players import weighted_betweenness

    graph = nx.gnm_random_graph(90, 260, seed=4)
    for i, (u, v) in enumerate(graph.edges()):
        graph[u][v]["weight"] = (0.25, 0.5, 1.0)[i % 3]
    network_of = {n: (n % 3 if n < 80 else None) for n in graph}  # three networks; ten people in none
    found = weighted_betweenness(graph, network_of)
    for network in range(3):
        own = graph.subgraph([n for n in graph if network_of[n] == network])
        expected = nx.betweenness_centrality(own, weight=lambda u, v, d: 1.0 / d["weight"])
        assert {n: found[n] for n in own} == pytest.approx(expected, abs=1e-12)
    assert all(found[n] == 0.0 for n in range(80, 90))


def test_people_in_no_network_score_on_their_ties_alone():
    graph = nx.path_graph(["a", "b", "c"])
    scores = key_player_scores(graph, {})
    assert [scores[n].betweenness for n in graph] == [0.0, 0.0, 0.0]
    assert scores["b"].weighted_degree == 2 and scores["b"].brokerage == 0.5 and scores["b"].bridges == ()


def test_many_small_networks_given_to_igraph_in_blocks_score_as_each_alone(monkeypatch):
    from graph_service.analysis import key_players

    monkeypatch.setattr(key_players, "BETWEENNESS_BLOCK", 25)  # blocks of a few networks each
    graph = nx.gnm_random_graph(200, 700, seed=5)
    for i, (u, v) in enumerate(graph.edges()):
        graph[u][v]["weight"] = (0.25, 0.5, 1.0, 0.125)[i % 4]
    network_of = {n: (n % 17 if n < 180 else None) for n in graph}
    scores = key_player_scores(graph, network_of)
    for network in range(17):
        own = graph.subgraph([n for n in graph if network_of[n] == network])
        expected = nx.betweenness_centrality(own, weight=lambda u, v, d: 1.0 / d["weight"])
        assert {n: scores[n].betweenness for n in own} == pytest.approx(expected, abs=1e-12)
    for node in graph:  # weighted degree, brokerage and bridges as the module's docstring defines them
        into = {}
        for other, data in graph[node].items():
            group = network_of[other] if network_of[other] is not None else ("alone", other)
            into[group] = into.get(group, 0.0) + data["weight"]
        strength = sum(into.values())
        assert scores[node].weighted_degree == pytest.approx(strength)
        assert scores[node].brokerage == pytest.approx(1 - sum((w / strength) ** 2 for w in into.values()))
        assert scores[node].bridges == tuple(sorted(g for g in into if isinstance(g, int) and g != network_of[node]))


def test_sampled_betweenness_on_large_graphs_ranks_like_the_exact_one(monkeypatch):
    import numpy as np

    from graph_service.analysis import key_players

    graph = lfr(0.3, 1)
    exact = key_players.weighted_betweenness(graph, dict.fromkeys(graph, 1))
    monkeypatch.setattr(key_players, "EXACT_BETWEENNESS_UP_TO", 500)
    monkeypatch.setattr(key_players, "BETWEENNESS_SAMPLE", 200)
    sampled = key_players.weighted_betweenness(graph, dict.fromkeys(graph, 1), seed=3)
    nodes = list(graph)
    assert np.corrcoef([exact[n] for n in nodes], [sampled[n] for n in nodes])[0, 1] > 0.9
    top_exact = set(sorted(nodes, key=exact.get)[-20:])
    top_sampled = set(sorted(nodes, key=sampled.get)[-20:])
    assert len(top_exact & top_sampled) >= 14


@pytest.mark.parametrize("mu, least", [(0.1, 0.95), (0.3, 0.9)])
def test_cpm_objective_recovers_planted_lfr_communities(mu, least):
    graph = lfr(mu, 1)
    partition = detect_networks(graph, objective="cpm", resolution=0.05)
    assert (partition.method, partition.objective) == ("leiden", "cpm")
    assert nmi(graph, partition) >= least


def test_cpm_has_no_resolution_limit_where_modularity_merges_small_groups():
    # Fortunato & Barthélemy's ring of cliques: 40 five-person groups, each joined to the
    # next by one tie. Modularity's best partition merges neighbouring groups; CPM does not.
    cliques = [[f"c{i}p{j}" for j in range(5)] for i in range(40)]
    graph = nx.Graph()
    for members in cliques:
        graph.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    for left, right in zip(cliques, cliques[1:] + cliques[:1], strict=False):
        graph.add_edge(left[0], right[-1])
    modularity = detect_networks(graph, method="louvain")
    cpm = detect_networks(graph, objective="cpm", resolution=0.1)
    assert len(modularity.communities) < len(cliques)
    assert sorted(map(sorted, cpm.communities)) == sorted(map(sorted, cliques))


def test_cpm_needs_the_leiden_engine():
    assert choose_method(nx.karate_club_graph(), "auto", "cpm") == "leiden"
    with pytest.raises(ValueError, match="cpm objective needs the leiden method"):
        detect_networks(nx.karate_club_graph(), method="louvain", objective="cpm")
    with pytest.raises(ValueError, match="unknown objective"):
        detect_networks(nx.karate_club_graph(), objective="surprise")
