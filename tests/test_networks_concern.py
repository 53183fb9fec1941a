"""Networks of concern: the profile and rank of a network, from its ties and places only."""

from __future__ import annotations

from datetime import date

import pytest

from graph_service.analysis.association import Evidence, build_association_graph
from graph_service.analysis.network_concern import concern_profile, network_profiles, rank_networks

AS_OF = date(2026, 10, 31)
ADULT, CHILD = {"dob": "1980-01-01"}, {"dob": "2012-01-01"}


def graph_of(items, people):
    return build_association_graph(items, people, AS_OF)


def item(a, b, kind, ids, grade="1A", weight=1.0, on=AS_OF):
    return Evidence(a, b, kind, tuple(ids), grade, on, weight)


def lone_adult_and_three_children():
    """One adult: three unrelated children found with him after missing episodes."""
    items = [item("A", c, "found_with", [f"MIS-{c}"]) for c in ("C1", "C2", "C3")]
    return items, {"A": ADULT, "C1": CHILD, "C2": CHILD, "C3": CHILD}


def youth_worker_and_twelve_children():
    """One adult seen with groups of twelve children at sessions, and nothing else."""
    children = [f"K{i:02d}" for i in range(12)]
    items = []
    for n in range(5):
        present = ["Y", *children]
        items += [item(a, b, "seen_together", [f"SGT-{n}"]) for i, a in enumerate(present) for b in present[i + 1:]]
    return items, {"Y": ADULT, **{c: CHILD for c in children}}


def test_a_lone_adult_with_unrelated_children_found_after_missing_episodes_is_of_concern():
    items, people = lone_adult_and_three_children()
    profile = concern_profile(graph_of(items, people), set(people))
    assert profile.children == 3 and profile.adults_associated == 1
    assert profile.found_after_missing == 3 and profile.several_children == 2
    assert profile.of_concern
    assert "children found with members after 3 missing episodes" in profile.reasons


def test_a_youth_worker_seen_with_a_group_ranks_below_an_adult_found_with_fewer_children():
    # A sighting of thirteen people says little about any one pair in it (Newman's 1/(n-1)).
    lone_items, lone_people = lone_adult_and_three_children()
    youth_items, youth_people = youth_worker_and_twelve_children()
    graph = graph_of(lone_items + youth_items, {**lone_people, **youth_people})
    profiles = network_profiles(graph, {1: set(youth_people), 2: set(lone_people)})
    assert profiles[1].several_children == 0  # seen together is not a direct tie
    assert profiles[1].association < 12 / 2  # twelve pairs, each far from a tie of weight 1
    assert rank_networks(profiles) == {1: 2, 2: 1}


def test_a_child_with_their_own_family_is_not_a_concern():
    items = [item("M", "C1", "seen_together", ["S1"]), item("F", "C1", "found_with", ["MIS-1"]),
             item("M", "F", "associates_with", ["L1"])]
    people = {"M": ADULT, "F": ADULT, "C1": CHILD}
    graph = graph_of(items, people)
    family = {frozenset(("C1", "M")), frozenset(("C1", "F"))}
    profile = concern_profile(graph, set(people), relatives=family)
    assert not profile.of_concern and profile.score == 0
    assert concern_profile(graph, set(people)).of_concern  # the same ties, not recorded as family


def test_a_group_with_no_child_is_not_of_concern_however_tightly_tied():
    adults = ["A1", "A2", "A3", "A4"]
    items = [item(a, b, "associates_with", [f"L{a}{b}"]) for i, a in enumerate(adults) for b in adults[i + 1:]]
    profile = concern_profile(graph_of(items, {a: ADULT for a in adults}), set(adults))
    assert not profile.of_concern and profile.reasons == ("no child at risk",)
    assert rank_networks({5: profile}) == {5: None}


def test_e_graded_evidence_never_raises_concern():
    # An E item weighs 0 (graph_service.grading), so it makes no tie to count.
    items = [item("A", "C1", "associates_with", ["L1"], grade="2E", weight=0.0),
             item("C1", "C2", "associates_with", ["L2"])]
    people = {"A": ADULT, "C1": CHILD, "C2": CHILD}
    graph = graph_of(items, people)
    assert "A" not in graph  # no tie at all
    graph.add_node("A", is_child=False)  # a member by other evidence
    profile = concern_profile(graph, set(people))
    assert profile.adults_associated == 0 and not profile.of_concern


def test_places_of_concern_count_only_where_children_and_adults_of_the_network_are_both_placed():
    items, people = lone_adult_and_three_children()
    graph = graph_of(items, people)
    placed = {"A": [("L1", "hotel"), ("L2", "park")], "C1": [("L1", "hotel")], "X": [("L2", "park")]}
    profile = concern_profile(graph, set(people), placed_at=placed)
    assert profile.places == (("L1", "hotel"),)
    assert any("1 place of concern (hotel)" in r for r in profile.reasons)
    assert profile.score == pytest.approx(concern_profile(graph, set(people)).score + 0.5)


def test_ranks_follow_the_score_then_the_children_then_the_older_network():
    items, people = lone_adult_and_three_children()
    profile = concern_profile(graph_of(items, people), set(people))
    assert rank_networks({9: profile, 4: profile}) == {4: 1, 9: 2}
