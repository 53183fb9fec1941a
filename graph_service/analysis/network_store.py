"""Store a network run: write back only the memberships and ties that changed.

Detection runs after every ingest, and most of what it finds is what the last run found: the
same people in the same networks with the same scores, the same ties with the same evidence.
Deleting every ``MEMBER_OF`` and ``TIED_TO`` and creating them again cost the large scenario
over a minute of writes in one transaction (docs/networks.md). So each stored row carries a
``digest``, a fingerprint of everything written in it but the values that age (a tie's weight,
a member's scores), and a run compares its rows with the stored fingerprints and aging values
inside its write transaction: it deletes the rows that went, sets in place the aging values of
the rows where only they changed and every value of the rows with any other change, creates
the rows that are new, and leaves the rest untouched. This matters because a run on a later
day changes nearly every row (a tie's weight ages with its evidence each day), and the server
sets one value of a relationship in a fraction of the time it takes to delete it and create it
again (measured in docs/networks.md). Readers still see the previous run or this one, never a
mix: it is one transaction (a store's first run too large for one is written in batches with
every read refused until it ends: :mod:`~graph_service.analysis.network_batches`).

>>> row_digest({"person_id": "P1", "network_id": 3, "role": "associate"}) == \\
...     row_digest({"role": "associate", "network_id": 3, "person_id": "P1"})
True
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from functools import lru_cache
from typing import TYPE_CHECKING

import networkx as nx

from graph_service.analysis.key_players import KeyPlayerScores, role_label
from graph_service.analysis.network_batches import write_first_run
from graph_service.settings import Settings

if TYPE_CHECKING:  # the run's types live with the pipeline, which imports this module
    from graph_service.analysis.networks import NetworkResult, NetworkRun

#: Rows are written in batches of this many (one transaction for the whole run).
WRITE_BATCH = 5_000
#: Two runs at once write one after the other, so each compares with what the other stored.
LOCK = "networks"
MEMBER_KEY = ("person_id", "network_id")
TIE_KEY = ("a", "b")
#: The values that change on every later day as evidence ages, kept out of the digest and
#: compared as they are: a row whose only change is these gets only these set.
MEMBER_AGING = ("weighted_degree", "betweenness", "brokerage")
TIE_AGING = ("weight",)
#: Decimal places each aging value is stored to: the places the pages show (a grade's weight
#: is a judgement to a tenth, so further places were never information). Stored to full
#: precision, every one of a force's quarter of a million rows changed every day as its
#: evidence aged by a day; stored as shown, about one tie in eighteen and one member in three
#: change on a given day (docs/networks.md). Each run computes with full precision.
STORED_PLACES = {"weight": 2, "weighted_degree": 2, "betweenness": 3, "brokerage": 3}


def write_networks(db, run: "NetworkRun", one_transaction_rows: int = Settings.publish_batch) -> dict[str, int]:
    """Store a run: its networks, each member's scores and role, and the ties of its graph,
    writing only the rows that differ from what is stored. One transaction (a store's first run
    of more than ``one_transaction_rows`` rows: in batches, :mod:`~graph_service.analysis.network_batches`).

    Returns how many membership and tie rows were deleted, written (of them, how many were
    updated in place rather than created) and left as they were.
    """
    with NetworkWrite(db, run.result.graph, one_transaction_rows) as write:
        return write.finish(run)


class NetworkWrite:
    """A run's write-back, begun as soon as its graph is read: the ties depend on the graph
    alone, so the server reads the stored ties and writes their changes while this process
    detects the networks (it has two cores; detection leaves the server idle). :meth:`finish`
    writes the networks and memberships, then commits; leaving the ``with`` block without
    finishing rolls everything back.

    Every statement goes through one thread, in the order given, so the transaction is used
    by one thread at a time; this process builds and hashes the rows meanwhile.
    """

    def __init__(self, db, graph: nx.Graph, one_transaction_rows: int = Settings.publish_batch):
        self._db, self._batch = db, min(WRITE_BATCH, one_transaction_rows)
        self._open = ExitStack()
        self._tx = self._open.enter_context(db.transaction(lock=LOCK))
        self._server = self._open.enter_context(ThreadPoolExecutor(max_workers=1))
        # Ties and members are at most the graph's edges and people: past one transaction's
        # rows, a store's first run is written in batches (nothing stored to mix with).
        too_many = graph.number_of_edges() + graph.number_of_nodes() > one_transaction_rows
        self._in_batches = too_many and not self._tx.run("networks/anything_stored")[0]["stored"]
        self._new_ties: list[dict] = []
        self._stored_ties = self._server.submit(_stored, self._tx, "networks/stored_ties", TIE_KEY, TIE_AGING)
        self._ties = self._server.submit(self._write_ties, graph)

    def __enter__(self) -> "NetworkWrite":
        return self

    def __exit__(self, *problem) -> bool:
        return self._open.__exit__(*problem)

    def _write_ties(self, graph: nx.Graph) -> tuple[int, ...]:
        ties = _fingerprinted(tie_rows(graph), TIE_KEY, TIE_AGING)
        gone, aged, changed, new = _changes(self._stored_ties.result(), ties, TIE_AGING)
        if self._in_batches:  # written by finish, behind the readers' guard
            self._new_ties = new
            return len(ties), 0, 0, len(new)
        for statement, rows in [("networks/delete_ties", gone), ("networks/update_tie_weights", aged),
                                ("networks/update_ties", changed), ("networks/write_ties", new)]:
            for batch in _batches(rows):
                self._tx.write(statement, ties=batch)
        return len(ties), len(gone), len(aged) + len(changed), len(new)

    def finish(self, run: "NetworkRun") -> dict[str, int]:
        """Write the run's networks and memberships, wait for the ties, and commit."""
        result, partition, graph = run.result, run.result.partition, run.result.graph
        server, tx = self._server, self._tx
        parameters = {
            "run_id": run.run_id, "ran_at": run.ran_at.isoformat(), "as_of": run.as_of.isoformat(),
            "method": partition.method, "objective": partition.objective, "resolution": partition.resolution,
            "seed": partition.seed,
        }
        networks = [
            {"network_id": network_id, "size": len(members),
             "children": sum(1 for m in members if graph.nodes[m].get("is_child")),
             "concern_rank": result.concern_rank.get(network_id),
             "concern_score": result.concern[network_id].score if network_id in result.concern else 0.0,
             "concern_reasons": list(result.concern[network_id].reasons) if network_id in result.concern else []}
            for network_id, members in result.networks.items()
        ]
        if self._in_batches:
            return self._finish_in_batches(run, parameters, networks)
        stored_members = server.submit(_stored, tx, "networks/stored_memberships", MEMBER_KEY, MEMBER_AGING)
        sent = [
            server.submit(tx.write, "networks/write_run", **parameters, modularity=partition.modularity,
                          seconds=partition.seconds, projection_seconds=run.projection_seconds,
                          people=graph.number_of_nodes(), ties=graph.number_of_edges(), networks=len(networks)),
            server.submit(tx.write, "networks/retire_networks", network_ids=sorted(result.networks)),
            server.submit(tx.write, "networks/write_networks", networks=networks, **parameters),
        ]
        members = _fingerprinted(member_rows(result), MEMBER_KEY, MEMBER_AGING)
        gone, aged, changed, new = _changes(stored_members.result(), members, MEMBER_AGING)
        # Deletions first: a person who moves network loses the old membership (and its
        # network_id copy) before the new one is written.
        sent += _send(server, tx, "members", [
            ("networks/delete_members", gone), ("networks/update_member_scores", aged),
            ("networks/update_members", changed), ("networks/write_members", new)])
        for statement in sent:
            statement.result()  # the first failure raises here, and the transaction is rolled back
        ties, ties_gone, ties_updated, ties_new = self._ties.result()
        self._open.close()  # the thread ends, then the transaction commits
        updated = len(aged) + len(changed)
        return {
            "memberships_deleted": len(gone), "memberships_written": updated + len(new),
            "memberships_updated": updated, "memberships_kept": len(members) - updated - len(new),
            "ties_deleted": ties_gone, "ties_written": ties_updated + ties_new, "ties_updated": ties_updated,
            "ties_kept": ties - ties_updated - ties_new,
        }

    def _finish_in_batches(self, run: "NetworkRun", parameters: dict, networks: list[dict]) -> dict[str, int]:
        """A store's first run, too large for one transaction: the run, its networks, ties and
        memberships in batches behind the readers' guard, while this transaction holds the
        networks lock."""
        result, partition, graph = run.result, run.result.partition, run.result.graph
        ties, _, _, _ = self._ties.result()
        members = _changes({}, _fingerprinted(member_rows(result), MEMBER_KEY, MEMBER_AGING), MEMBER_AGING)[3]
        statements = [("networks/write_run", {
            **parameters, "modularity": partition.modularity, "seconds": partition.seconds,
            "projection_seconds": run.projection_seconds, "people": graph.number_of_nodes(),
            "ties": graph.number_of_edges(), "networks": len(networks)})]
        statements += [("networks/write_networks", {**parameters, "networks": batch})
                       for batch in _batches(networks, self._batch)]
        statements += [("networks/write_ties", {"ties": batch}) for batch in _batches(self._new_ties, self._batch)]
        statements += [("networks/write_members", {"members": batch}) for batch in _batches(members, self._batch)]
        write_first_run(self._db, statements, run.run_id)
        self._open.close()  # the lock's transaction ends; it wrote nothing else
        return {
            "memberships_deleted": 0, "memberships_written": len(members), "memberships_updated": 0,
            "memberships_kept": 0, "ties_deleted": 0, "ties_written": ties, "ties_updated": 0, "ties_kept": 0,
        }


def _send(server: ThreadPoolExecutor, tx, parameter: str, statements: list[tuple[str, list[dict]]]) -> list:
    """Each statement's rows in batches, handed to the ``server`` thread in order."""
    return [server.submit(tx.write, statement, **{parameter: batch})
            for statement, rows in statements for batch in _batches(rows)]


def row_digest(row: dict, leave_out: tuple[str, ...] = ()) -> str:
    """The fingerprint of a membership or tie row, but the values named in ``leave_out``:
    equal rows (in any key order) give equal digests, and any changed value a different one.
    (``repr`` rather than JSON: a row holds only text, numbers, booleans, None and lists of
    them, whose ``repr`` is exact, and it is twice as fast over a force's quarter of a
    million rows.)"""
    values = [row[name] for name in _digested(tuple(row), leave_out)]
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


@lru_cache(maxsize=64)
def _digested(names: tuple[str, ...], leave_out: tuple[str, ...]) -> tuple[str, ...]:
    # Every row of a kind has the same names: sorted once, not once a row.
    return tuple(name for name in sorted(names) if name not in leave_out)


def _stored(tx, statement: str, key: tuple[str, str], aging: tuple[str, ...]) -> dict[tuple, tuple]:
    """Stored rows' keys with their digests, aging values and element IDs (rows written
    before digests existed have none, and so always differ)."""
    return {(row[key[0]], row[key[1]]): (row["digest"], tuple(row[name] for name in aging), row["id"])
            for row in tx.read_packed(statement)}


def _fingerprinted(rows, key: tuple[str, str], aging: tuple[str, ...]) -> dict[tuple, tuple[dict, str]]:
    """Rows by their key, each with its digest (all but the ``aging`` values)."""
    return {(row[key[0]], row[key[1]]): (row, row_digest(row, aging)) for row in rows}


def _changes(stored: dict[tuple, tuple], rows: dict[tuple, tuple[dict, str]], aging: tuple[str, ...]
             ) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """What to write of ``rows`` (with their digests) against the ``stored`` ones: the stored
    rows the run no longer has; the rows whose only change is their ``aging`` values (those
    values); the rows with any other change; the new rows (in full, with their digests).
    Stored rows are named by their element ``id``, which the server finds faster than by the
    two ends' keys."""
    aged, changed, new = [], [], []
    for row_key, (row, fingerprint) in rows.items():
        if row_key not in stored:
            new.append({**row, "digest": fingerprint})
            continue
        digest, values, element_id = stored[row_key]
        if digest != fingerprint:
            changed.append({**row, "digest": fingerprint, "id": element_id})
        elif values != (now := tuple(row[name] for name in aging)):
            aged.append({"id": element_id, **dict(zip(aging, now, strict=True))})
    gone = [{"id": element_id} for row_key, (_, _, element_id) in stored.items() if row_key not in rows]
    return gone, aged, changed, new


def member_rows(result: "NetworkResult"):
    """One row per member of each network: scores, key-player rank and reasons, role."""
    graph = result.graph
    for network_id, members in result.networks.items():
        players = {kp.node: (rank, kp.reasons) for rank, kp in enumerate(result.key_players[network_id], start=1)}
        for member in sorted(members):
            score: KeyPlayerScores = result.scores[member]
            rank, reasons = players.get(member, (None, ()))
            is_child = bool(graph.nodes[member].get("is_child"))
            yield {
                "person_id": member, "network_id": network_id,
                "weighted_degree": round(score.weighted_degree, STORED_PLACES["weighted_degree"]),
                "betweenness": round(score.betweenness, STORED_PLACES["betweenness"]),
                "brokerage": round(score.brokerage, STORED_PLACES["brokerage"]), "bridges": list(score.bridges),
                "key_player_rank": rank, "key_player_reasons": list(reasons),
                "child": is_child, "role": role_label(is_child, rank is not None),
            }


def tie_rows(graph: nx.Graph):
    """Every tie of the association graph with its evidence summary (a tie between two people
    in no network is kept too: it is a person's tie all the same, and keeping it means the
    ties need no detection, so they are written while detection runs)."""
    places = STORED_PLACES["weight"]
    for a, neighbours in graph.adjacency():
        for b, data in neighbours.items():
            if b <= a:  # each tie once, stored from the smaller ID
                continue
            evidence = data["evidence"]
            if len(evidence) == 1:  # most ties: one item, read without building sets
                only = evidence[0]
                on = only["observed_on"] and only["observed_on"].isoformat()
                yield {"a": a, "b": b, "weight": round(data["weight"], places), "count": 1, "kinds": [only["kind"]],
                       "evidence_ids": sorted(set(only["evidence_ids"])), "grades": [only["grade"]],
                       "first_observed": on, "last_observed": on}
                continue
            dates = [e["observed_on"] for e in evidence if e["observed_on"] is not None]
            yield {
                "a": a, "b": b, "weight": round(data["weight"], places), "count": len(evidence),
                "kinds": sorted({e["kind"] for e in evidence}),
                "evidence_ids": sorted({i for e in evidence for i in e["evidence_ids"]}),
                "grades": sorted({e["grade"] for e in evidence}),
                "first_observed": min(dates).isoformat() if dates else None,
                "last_observed": max(dates).isoformat() if dates else None,
            }


def _batches(rows, size: int = WRITE_BATCH):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
