"""Networks of concern: which networks an analyst should open first, and why.

Community detection finds every group in the intelligence: families, school friends, adults
who drink together, and, among them, the groups that exploit children. A network's *concern
profile* counts, from its own ties and places only, what points at exploitation:

- **children at risk**: members who are children (under 18 on the analysis date). Whether a
  person is a child is the one personal fact used: it defines safeguarding itself. Nothing else
  about a person (age otherwise, gender, ethnicity, nationality, religion or any other protected
  characteristic) enters a profile;
- **adult–child association**: the graded evidence that adult members are associated with child
  members. Each adult–child pair counts its items' weights from the association graph (graded,
  halving yearly, ``E`` never counting) combined as the tie weight is, at most 1 per pair. A
  sighting of ``n`` people says less about each pair in it than a sighting of two, so it counts
  ``1 / (n - 1)`` of its weight for each pair (Newman's weighting of collaborations): a youth
  worker seen with a group of twelve is not twelve adults seen alone with a child. Ties between
  a child and their own recorded relatives (``family`` records) do not count: a child with
  their own family is not a concern;
- **adults associated with several children**: for each adult, the unrelated children beyond
  the first they are tied to by intelligence, missing episodes or journeys
  (:data:`DIRECT_KINDS`), since one adult drawing in several children is how exploitation
  spreads, and an older boyfriend or a family friend is one adult and one child;
- **found after missing episodes**: the missing episodes after which a child member was found
  with an adult member (each weighs as its recency says);
- **places of concern**: places of the kinds exploitation uses (hotels, takeaways, parks, car
  parks...; :data:`graph_service.vocabulary.PLACES_OF_CONCERN`) where both a child and an adult of the network are placed
  by sightings, intelligence not graded ``E``, or where a missing child was found.

The score adds them: ``association + several_children + found_after_missing + places / 2``.
Each term is a count or a sum of evidence weights, so a reason can say it in words. A network
with a score of 0 (no child, or no adult tied to one) is *not of concern*: it is listed apart.
The ranking is a list for a person to review, never a finding.

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_node("A1", is_child=False); g.add_node("C1", is_child=True); g.add_node("C2", is_child=True)
>>> found = [{"kind": "found_with", "evidence_ids": ("MIS-1",), "grade": "1A", "weight": 1.0}]
>>> g.add_edge("A1", "C1", weight=1.0, evidence=found)
>>> g.add_edge("A1", "C2", weight=0.5, evidence=[{"kind": "associates_with", "evidence_ids": ("L1",),
...                                                "grade": "2B", "weight": 0.5}])
>>> profile = concern_profile(g, {"A1", "C1", "C2"})
>>> profile.children, profile.found_after_missing, profile.several_children, profile.score
(2, 1, 1, 3.5)
>>> profile.reasons[0]
'2 children at risk'

References: shared/DOMAIN.md (risk indicators, fairness); LGA, "Tackling child sexual
exploitation: a resource pack for councils" (2014), on networks, missing episodes and places;
Newman (2001), "Scientific collaboration networks. II.", Phys. Rev. E 64, 016132 (the
``1 / (n - 1)`` weight of a tie made by a group of ``n``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Collection, Iterable, Mapping

import networkx as nx

from graph_service import grading
from graph_service.analysis.association import tie_weight

#: Evidence that ties an adult to a child directly: intelligence of association, being found
#: together after a missing episode, the child travelling in the adult's vehicle, the adult's
#: phone or account in contact with the child's.
DIRECT_KINDS = frozenset({"associates_with", "found_with", "travelled_in", "contact"})
#: Places count half: being at the same kind of place is weaker than a tie between people.
PLACE_FACTOR = 0.5


@dataclass(frozen=True)
class ConcernProfile:
    """What in one network points at the exploitation of children, with the score and reasons.

    Attributes
    ----------
    children : int
        Members who are children at risk.
    adults_associated : int
        Adult members with graded evidence of association with an unrelated child member.
    association : float
        The sum of the adult–child tie weights (each at most 1).
    several_children : int
        Over adults, the unrelated children beyond the first each is directly tied to.
    found_after_missing : int
        Missing episodes after which a child member was found with an adult member.
    found_weight : float
        The same episodes weighed by recency.
    places : tuple
        ``(location_id, category)`` of the places of concern shared by children and adults.
    best_grade : str or None
        The strongest grade among the adult–child evidence.
    """

    children: int = 0
    adults_associated: int = 0
    association: float = 0.0
    several_children: int = 0
    found_after_missing: int = 0
    found_weight: float = 0.0
    places: tuple = ()
    best_grade: str | None = None
    reasons: tuple[str, ...] = field(default=())

    @property
    def score(self) -> float:
        score = self.association + self.several_children + self.found_weight + PLACE_FACTOR * len(self.places)
        return round(score, 2) if self.adults_associated else 0.0

    @property
    def of_concern(self) -> bool:
        return self.score > 0


def concern_profile(
    graph: nx.Graph,
    members: Collection,
    relatives: Collection[frozenset] = (),
    placed_at: Mapping[str, Iterable[tuple[str, str]]] | None = None,
    group_sizes: Mapping[str, int] | None = None,
) -> ConcernProfile:
    """The concern profile of one network.

    Parameters
    ----------
    graph : the association graph (nodes carry ``is_child``; ties carry ``weight`` and
        ``evidence``, items with ``kind``, ``evidence_ids``, ``grade``, ``weight``).
    members : the network's members.
    relatives : pairs (frozensets of two person IDs) recorded as family.
    placed_at : person ID -> ``(location_id, category)`` of the places of concern they are
        placed at; only members are looked up.
    group_sizes : sighting ID -> people in it (default: :func:`sighting_sizes` of ``graph``).
    """
    if group_sizes is None:
        group_sizes = sighting_sizes(graph)
    children = {m for m in members if graph.nodes[m].get("is_child")}
    adults = set(members) - children
    if not isinstance(relatives, (set, frozenset)):  # network_profiles passes one set for every network
        relatives = set(relatives)
    association, episodes, grades = 0.0, {}, []
    tied: dict = {}
    for adult in adults:
        for child in graph[adult]:
            if child not in children or frozenset((adult, child)) in relatives:
                continue
            tie = graph[adult][child]
            items = [e for e in tie["evidence"] if e["weight"] > 0]
            association += tie_weight(_pair_share(e, group_sizes) for e in items)
            grades += [e["grade"] for e in items]
            directly = tied.setdefault(adult, set())  # children tied directly, for "several children"
            if any(e["kind"] in DIRECT_KINDS for e in items):
                directly.add(child)
            for item in items:
                if item["kind"] == "found_with":
                    episode = item["evidence_ids"][0]
                    episodes[episode] = max(episodes.get(episode, 0.0), item["weight"])
    places = _shared_places(children, adults, placed_at or {})
    profile = ConcernProfile(
        children=len(children),
        adults_associated=len(tied),
        association=round(association, 3),
        several_children=sum(max(len(c) - 1, 0) for c in tied.values()),
        found_after_missing=len(episodes),
        found_weight=round(sum(episodes.values()), 3),
        places=places,
        best_grade=grading.strongest(grades) if grades else None,
    )
    return ConcernProfile(**{**profile.__dict__, "reasons": reasons(profile)})


def sighting_sizes(graph: nx.Graph) -> dict[str, int]:
    """How many people each sighting behind a ``seen_together`` tie of ``graph`` names."""
    people: dict[str, set] = {}
    for a, b, data in graph.edges(data=True):
        for item in data.get("evidence", ()):
            if item["kind"] == "seen_together":
                people.setdefault(item["evidence_ids"][0], set()).update((a, b))
    return {sighting: len(named) for sighting, named in people.items()}


def _pair_share(item: Mapping, group_sizes: Mapping[str, int]) -> float:
    """An item's weight as evidence about one pair: a sighting of n people counts 1 / (n - 1)."""
    if item["kind"] != "seen_together":
        return item["weight"]
    return item["weight"] / max(group_sizes.get(item["evidence_ids"][0], 2) - 1, 1)


def _shared_places(children, adults, placed_at) -> tuple:
    def places(people):
        return {place for person in people for place in placed_at.get(person, ())}

    return tuple(sorted(places(children) & places(adults)))


def reasons(profile: ConcernProfile) -> tuple[str, ...]:
    """The profile in words, strongest signal first, for the list and the network's page."""
    said = []
    if profile.children:
        said.append(_plural(profile.children, "child at risk", "children at risk"))
    if profile.adults_associated:
        grade = f" (strongest grade {profile.best_grade})" if profile.best_grade else ""
        said.append(_plural(profile.adults_associated, "adult", "adults")
                    + f" with graded evidence of association with children{grade}")
    if profile.found_after_missing:
        said.append("children found with members after "
                    + _plural(profile.found_after_missing, "missing episode", "missing episodes"))
    if profile.several_children:
        said.append(f"adults tied to several unrelated children ({profile.several_children} beyond the first)")
    if profile.places:
        kinds = ", ".join(sorted({category.replace("_", " ") for _, category in profile.places}))
        said.append("children and adults placed at " + _plural(len(profile.places), "place", "places")
                    + f" of concern ({kinds})")
    if not profile.of_concern:
        said.append("no child at risk tied to an unrelated adult member" if profile.children else "no child at risk")
    return tuple(said)


def rank_networks(profiles: Mapping[int, ConcernProfile]) -> dict[int, int | None]:
    """Rank 1 for the network of most concern (highest score, then more children, then the
    older network ID); networks not of concern get no rank (None).

    >>> rank_networks({7: ConcernProfile(), 3: ConcernProfile(children=2, adults_associated=1, association=0.5)})
    {3: 1, 7: None}
    """
    ordered = sorted(
        (n for n, p in profiles.items() if p.of_concern),
        key=lambda n: (-profiles[n].score, -profiles[n].children, n),
    )
    ranks: dict[int, int | None] = {n: i for i, n in enumerate(ordered, start=1)}
    return {n: ranks.get(n) for n in sorted(profiles)}


def network_profiles(
    graph: nx.Graph,
    networks: Mapping[int, Collection],
    relatives: Collection[frozenset] = (),
    placed_at: Mapping[str, Iterable[tuple[str, str]]] | None = None,
) -> dict[int, ConcernProfile]:
    """:func:`concern_profile` of every network."""
    relatives, sizes = set(relatives), sighting_sizes(graph)
    return {n: concern_profile(graph, members, relatives, placed_at, sizes) for n, members in networks.items()}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
