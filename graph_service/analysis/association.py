"""The association graph: who is tied to whom, and how strongly, by graded evidence.

A Cypher projection (``cypher/networks/evidence_*.cypher``) reads six kinds of evidence
that two people are associated:

==================  ==========================================================================
``associates_with`` an intelligence ``link`` person → person
``found_with``      found together at the end of a missing episode (the missing child and
                    everyone found with them)
``seen_together``   in the same sighting
``shared_vehicle``  both use one vehicle (``uses_vehicle``: owner, driver, keeper); one item
                    per vehicle, as strong as the weaker person's best evidence of use
``travelled_in``    one seen travelling in a vehicle the other uses (a ``travelled_in`` link,
                    or a sighting of the vehicle with them in it); one item per trip, as
                    strong as the weaker of the trip and the other person's use
``contact``         a phone or online account one uses (``uses_phone``, ``uses_account``) was
                    in contact with one the other uses (a ``contact`` record); one item per
                    contact, as strong as the weakest of the contact and the two uses
==================  ==========================================================================

Every item is weighed by :func:`graph_service.grading.evidence_weight` (grade × recency as of
the analysis date), the one grading table; sightings and missing episodes weigh as recorded
facts, a link without intelligence as ungraded. A tie's weight combines its items as
independent indications that the two are associated, each true with the chance its weight
says: ``1 - (1 - w1)(1 - w2)...``, the chance that at least one is. More evidence makes a tie
stronger but never above 1, so a pair seen together fifty times does not drown out every
other tie of a network. An item graded ``E`` weighs nothing, so it never creates or
strengthens a tie; an item dated after the analysis date is not counted either (it was not
known then).

Nothing about a person enters a weight. Each node carries ``person_id`` and ``is_child``
(under 18 on the analysis date), the last only so that the service can show a child as a
child at risk.

>>> from datetime import date
>>> seen = Evidence("P1", "P2", "seen_together", ("S1",), "1A", date(2026, 1, 1), 0.5)
>>> told = Evidence("P2", "P1", "associates_with", ("L7",), "2B", date(2026, 1, 1), 0.6)
>>> g = build_association_graph([seen, told], {}, as_of=date(2026, 1, 1))
>>> round(g["P1"]["P2"]["weight"], 2)          # 1 - (1 - 0.5) * (1 - 0.6)
0.8
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import lru_cache
from typing import Iterable, Mapping, NamedTuple

import networkx as nx

from graph_service import grading
from graph_service.db.values import to_date

KINDS = ("associates_with", "found_with", "seen_together", "shared_vehicle", "travelled_in", "contact")


class Evidence(NamedTuple):
    """One item of evidence that two people are associated, already weighed. (A named tuple:
    a force's store makes half a million of them, and a frozen dataclass took half a second
    to build them.)"""

    person_a: str
    person_b: str
    kind: str
    evidence_ids: tuple[str, ...]  # Link, Sighting, MissingEpisode or Contact IDs (and the VRM for vehicles)
    grade: str  # "1A"-style label of the item (the weaker one for vehicle items)
    observed_on: date | None
    weight: float


def build_association_graph(
    evidence: Iterable[Evidence], people: Mapping[str, Mapping], as_of: date
) -> nx.Graph:
    """An undirected weighted graph of people from weighed ``evidence``.

    Items of zero weight are dropped, so a pair with only such items gets no tie. ``people``
    maps person IDs to their rows (``dob``; the children at risk are enough) for ``is_child``.
    Nodes and ties are added in sorted order, so the same data builds the same graph.
    """
    ties: dict[tuple[str, str], list[Evidence]] = {}
    for item in evidence:
        a, b = item.person_a, item.person_b
        if item.weight <= 0 or a == b:
            continue
        ties.setdefault((a, b) if a < b else (b, a), []).append(item)

    graph = nx.Graph(as_of=as_of)
    # Built with add_*_from (one call each): adding a quarter of a million ties one call at a
    # time was a second of a force's run.
    graph.add_nodes_from(
        (person_id, {"person_id": person_id, "is_child": _is_child(row.get("dob"), as_of)})
        for person_id in sorted({p for pair in ties for p in pair})
        for row in (people.get(person_id, {}),)
    )
    graph.add_edges_from(
        (*pair, {"weight": tie_weight(e.weight for e in items), "evidence": [_item(e) for e in items]})
        for pair in sorted(ties)
        for items in (sorted(ties[pair], key=_item_order),)
    )
    return graph


def _item_order(e: Evidence) -> tuple:
    return e.observed_on or date.min, e.kind, e.evidence_ids


def _item(e: Evidence) -> dict:
    # Written out rather than dataclasses.asdict, which copies recursively and took seconds
    # over the half a million items of a force's graph.
    return {"kind": e.kind, "evidence_ids": e.evidence_ids, "grade": e.grade, "observed_on": e.observed_on,
            "weight": e.weight}


def tie_weight(weights: Iterable[float]) -> float:
    """The chance that at least one of some independent items is true (noisy-OR)."""
    return 1.0 - math.prod(1.0 - w for w in weights)


def association_graph(db, as_of: date | None = None) -> nx.Graph:
    """The association graph of everything stored, weighed as of ``as_of`` (default today)."""
    as_of = as_of or date.today()
    read = read_evidence(db, as_of)
    people = {row["person_id"]: row for row in read["people"]}
    return build_association_graph([*weighed_evidence(read, as_of)], people, as_of)


def weighed_evidence(read: Mapping[str, list[dict]], as_of: date) -> Iterable[Evidence]:
    """Every item of association evidence in the rows of :func:`read_evidence`, weighed as of
    ``as_of``."""
    for row in read["associates_with"]:
        weight, grade, on = _weigh(row, grading.UNGRADED, as_of)
        yield Evidence(row["person_a"], row["person_b"], "associates_with", (row["evidence_id"],), grade, on, weight)
    for kind in ("found_with", "seen_together"):
        for row in read[kind]:
            weight, grade, on = _weigh(row, grading.RECORDED_FACT, as_of)
            yield Evidence(row["person_a"], row["person_b"], kind, (row["evidence_id"],), grade, on, weight)
    for row in read["shared_vehicle"]:
        use_a = _best([_weigh(u, grading.UNGRADED, as_of) + (u["id"],) for u in row["uses_a"]])
        use_b = _best([_weigh(u, grading.UNGRADED, as_of) + (u["id"],) for u in row["uses_b"]])
        weight, grade, on, _ = min(use_a, use_b, key=lambda x: x[0])
        ids = (row["vrm"], use_a[3], use_b[3])
        yield Evidence(row["person_a"], row["person_b"], "shared_vehicle", ids, grade, on, weight)
    for row in read["travelled_in"]:
        default = grading.RECORDED_FACT if row["how"] == "sighting" else grading.UNGRADED
        trip = _weigh(row, default, as_of) + (row["evidence_id"],)
        use = _best([_weigh(u, grading.UNGRADED, as_of) + (u["id"],) for u in row["uses"]])
        weight, grade, on, _ = min(trip, use, key=lambda x: x[0])
        ids = (row["vrm"], trip[3], use[3])
        yield Evidence(row["passenger"], row["user"], "travelled_in", ids, grade, on, weight)
    for row in read["contact"]:
        yield contact_evidence(row, as_of)


def read_evidence(db, as_of: date) -> dict[str, list[dict]]:
    """The rows of each kind's statement (``cypher/networks/evidence_KIND.cypher``) and the
    children at risk with their dates of birth (``"people"``), all asked for at once: each is
    a scan of its own records, so the server answers them side by side on its cores while
    this process unpacks the first answers (on the large scenario the reads, one after the
    other, were the longest stage of a run). The statements give dates as ISO text: the driver builds a date object several
    times slower than a string, and this process spent more time on that than on weighing."""
    with ThreadPoolExecutor(max_workers=len(KINDS) + 1) as pool:
        asked = {kind: pool.submit(db.read_packed, f"networks/evidence_{kind}") for kind in KINDS}
        asked["people"] = pool.submit(db.read_packed, "networks/people", as_of=as_of.isoformat())
        return {kind: answer.result() for kind, answer in asked.items()}


def contact_evidence(row: Mapping, as_of: date) -> Evidence:
    """One contact between two people's phones or accounts as an item of association evidence.

    A contact says only that the two *ends* were in contact; it ties two *people* as strongly
    as the weakest link of the chain: the contact's own grade, and each person's best evidence
    of using their end. So a contact graded 1A between a phone known to be one person's only
    by hearsay (D) weighs as D, and a use graded E breaks the chain.

    >>> use = lambda i, g: {"id": i, "source_evaluation": g[0], "intelligence_assessment": g[1],
    ...                      "observed_on": date(2026, 1, 1)}
    >>> row = {"evidence_id": "C1", "person_a": "A1", "person_b": "C9", "source_evaluation": "1",
    ...        "intelligence_assessment": "A", "observed_on": date(2026, 1, 2),
    ...        "uses_a": [use("K1", "2D"), use("K2", "1B")], "uses_b": [use("K3", "2B")]}
    >>> item = contact_evidence(row, as_of=date(2026, 1, 2))
    >>> item.kind, item.evidence_ids, item.grade
    ('contact', ('C1', 'K2', 'K3'), '2B')
    """
    contact = _weigh(row, grading.UNGRADED, as_of) + (row["evidence_id"],)
    use_a = _best([_weigh(u, grading.UNGRADED, as_of) + (u["id"],) for u in row["uses_a"]])
    use_b = _best([_weigh(u, grading.UNGRADED, as_of) + (u["id"],) for u in row["uses_b"]])
    weight, grade, _, _ = min(contact, use_a, use_b, key=lambda x: x[0])
    # The item is dated by the contact (when the two were in touch), not by the uses.
    return Evidence(row["person_a"], row["person_b"], "contact", (row["evidence_id"], use_a[3], use_b[3]),
                    grade, contact[2], weight)


def _weigh(row: Mapping, default: tuple[str, str], as_of: date) -> tuple[float, str, date | None]:
    """Weight, grade label and date of one item; ``default`` grades an item without its own."""
    source, assessment = row.get("source_evaluation"), row.get("intelligence_assessment")
    if source is None or assessment is None:
        source, assessment = default
    return _weighed(str(source), str(assessment).upper(), row.get("observed_on"), as_of)


@lru_cache(maxsize=2**16)
def _weighed(source: str, assessment: str, observed_on, as_of: date) -> tuple[float, str, date | None]:
    # A force's half a million items share a few thousand grades and days: each is weighed once.
    on = to_date(observed_on)
    label = grading.grade_label(source, assessment)
    if on is not None and on > as_of:
        return 0.0, label, on
    return grading.evidence_weight(source, assessment, on, as_of), label, on


def _best(weighed: list[tuple]) -> tuple:
    """The heaviest of some weighed items (then the latest, then the smallest ID)."""
    return min(weighed, key=lambda x: (-x[0], -(x[2] or date.min).toordinal(), x[3]))


def _is_child(dob, as_of: date) -> bool:
    born = to_date(dob)
    if born is None:
        return False
    age = as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))
    return age < 18


