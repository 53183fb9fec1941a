"""Stable network IDs: a MACSE meeting's "network 7" stays network 7."""

from __future__ import annotations

import networkx as nx
import pytest

from graph_service.analysis.network_ids import assign_network_ids
from graph_service.analysis.networks import find_networks


def group(prefix: str, n: int) -> frozenset:
    return frozenset(f"{prefix}{i}" for i in range(n))


def test_first_run_numbers_largest_first_from_next_id():
    ids = assign_network_ids([group("b", 3), group("a", 5), group("c", 4)], {}, next_id=1)
    assert ids == {1: group("a", 5), 2: group("c", 4), 3: group("b", 3)}


def test_same_members_keep_their_ids_whatever_order_they_come_in():
    previous = {3: group("a", 5), 8: group("b", 4)}
    ids = assign_network_ids([group("b", 4), group("a", 5)], previous, next_id=9)
    assert ids == previous


def test_a_network_that_gains_and_loses_a_member_keeps_its_id():
    previous = {7: group("a", 6)}
    changed = (group("a", 6) - {"a0"}) | {"new"}
    assert assign_network_ids([changed], previous, next_id=8) == {7: changed}


def test_when_a_network_splits_the_larger_part_keeps_the_id():
    previous = {7: group("a", 10)}
    big, small = frozenset(sorted(group("a", 10))[:6]), frozenset(sorted(group("a", 10))[6:])
    assert assign_network_ids([small, big], previous, next_id=8) == {7: big, 8: small}


def test_when_two_merge_the_one_giving_most_people_gives_its_id():
    previous = {2: group("a", 3), 5: group("b", 6)}
    merged = group("a", 3) | group("b", 6)
    assert assign_network_ids([merged], previous, next_id=6) == {5: merged}


def test_equal_overlap_goes_to_the_older_id():
    previous = {2: group("a", 4), 5: group("b", 4)}
    merged = group("a", 4) | group("b", 4)
    assert assign_network_ids([merged], previous, next_id=6) == {2: merged}


def test_a_new_group_sharing_only_a_minority_gets_a_new_id():
    previous = {7: group("a", 10)}
    mostly_new = group("z", 5) | {"a0"}
    ids = assign_network_ids([group("a", 10) - {"a0"}, mostly_new], previous, next_id=8)
    assert ids == {7: group("a", 10) - {"a0"}, 8: mostly_new}


def test_retired_ids_are_never_reused():
    ids = assign_network_ids([group("n", 3)], {4: group("old", 3)}, next_id=12)
    assert ids == {12: group("n", 3)}
    # next_id lower than a previous ID is raised above it
    assert assign_network_ids([group("n", 3)], {4: group("old", 3)}, next_id=1) == {5: group("n", 3)}


def planted_graph(groups: list[list[str]]) -> nx.Graph:
    """Cliques of people joined in a ring by single weak ties."""
    graph = nx.Graph()
    for members in groups:
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                graph.add_edge(a, b, weight=1.0)
    for left, right in zip(groups, groups[1:] + groups[:1], strict=False):
        graph.add_edge(left[0], right[-1], weight=0.1)
    return graph


def test_a_small_change_in_the_data_moves_only_the_people_it_concerns():
    groups = [[f"g{g}p{i}" for i in range(6)] for g in range(8)]
    graph = planted_graph(groups)
    first = find_networks(graph)
    # New intelligence: g3p5 now tied mostly to group 6; a new person joins group 1.
    changed = graph.copy()
    for other in groups[6][:4]:
        changed.add_edge("g3p5", other, weight=3.0)
    for member in groups[1][:3]:
        changed.add_edge("newcomer", member, weight=1.0)
    second = find_networks(changed, previous=first.networks, next_id=max(first.networks) + 1)
    assert set(second.networks) == set(first.networks)
    moved = {p for p in graph if first.network_of.get(p) != second.network_of.get(p)}
    assert moved == {"g3p5"}
    assert second.network_of["newcomer"] == first.network_of["g1p0"]
    assert second.network_of["g3p5"] == first.network_of["g6p0"]


def test_same_data_same_ids():
    groups = [[f"g{g}p{i}" for i in range(5)] for g in range(6)]
    first = find_networks(planted_graph(groups))
    again = find_networks(planted_graph(groups), previous=first.networks, next_id=max(first.networks) + 1)
    assert again.networks == first.networks


def pairwise_ids(networks, previous, next_id):
    """The matching as first written: every new network against every old one."""
    new = [frozenset(n) for n in networks]
    old = {int(k): frozenset(v) for k, v in previous.items()}
    next_id = max([next_id, *(k + 1 for k in old)])
    candidates = []
    for i, members in enumerate(new):
        for old_id, old_members in old.items():
            overlap = len(members & old_members)
            if 2 * overlap > len(members) or 2 * overlap > len(old_members):
                candidates.append((-overlap, old_id, i))
    assigned, matched = {}, set()
    for _, old_id, i in sorted(candidates):
        if old_id not in assigned and i not in matched:
            assigned[old_id] = new[i]
            matched.add(i)
    for members in sorted((new[i] for i in range(len(new)) if i not in matched), key=lambda c: (-len(c), min(map(str, c)))):
        assigned[next_id] = members
        next_id += 1
    return dict(sorted(assigned.items()))


@pytest.mark.parametrize("seed", range(20))
def test_matching_through_members_agrees_with_every_pair_compared(seed):
    """Overlaps are counted through each member's old network (fast on thousands of networks);
    on random splits, merges, moves and overlapping old networks it gives the pairwise answer."""
    import random

    draw = random.Random(seed)
    people = [f"p{i}" for i in range(300)]

    def partition():
        shuffled = draw.sample(people, draw.randrange(50, 300))
        groups, at = [], 0
        while at < len(shuffled):
            size = draw.randrange(1, 25)
            groups.append(set(shuffled[at:at + size]))
            at += size
        return groups
    previous = {draw.randrange(1, 200): members for members in partition()}
    if seed % 3 == 0:  # a caller's previous networks may share people
        previous[500] = set(draw.sample(people, 15))
    networks, next_id = partition(), draw.randrange(1, 300)
    assert assign_network_ids(networks, previous, next_id) == pairwise_ids(networks, previous, next_id)
