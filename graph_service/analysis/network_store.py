"""Store a network run: write back only the memberships and ties that changed.

Detection runs after every ingest, and most of what it finds is what the last run found: the
same people in the same networks with the same scores, the same ties with the same evidence.
Deleting every ``MEMBER_OF`` and ``TIED_TO`` and creating them again cost the large scenario
over a minute of writes in one transaction (docs/networks.md). So each stored row carries a
``digest``, a fingerprint of everything written in it, and a run compares its rows with the
stored fingerprints inside its write transaction: it deletes the rows that went or changed and
creates the rows that are new or changed, and leaves the rest untouched. Readers still see the
previous run or this one, never a mix: it is one transaction.

>>> row_digest({"person_id": "P1", "network_id": 3, "role": "associate"}) == \\
...     row_digest({"role": "associate", "network_id": 3, "person_id": "P1"})
True
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from graph_service.analysis.key_players import KeyPlayerScores, role_label

if TYPE_CHECKING:  # the run's types live with the pipeline, which imports this module
    from graph_service.analysis.networks import NetworkResult, NetworkRun

#: Rows are written in batches of this many (one transaction for the whole run).
WRITE_BATCH = 5_000
#: Two runs at once write one after the other, so each compares with what the other stored.
LOCK = "networks"
MEMBER_KEY = ("person_id", "network_id")
TIE_KEY = ("a", "b")


def write_networks(db, run: "NetworkRun") -> dict[str, int]:
    """Store a run: its networks, each member's scores and role, and the ties among them,
    writing only the rows that differ from what is stored. One transaction.

    Returns how many membership and tie rows were deleted, created and left as they were.
    """
    result, partition, graph = run.result, run.result.partition, run.result.graph
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
    members = {(row["person_id"], row["network_id"]): row for row in member_rows(result)}
    ties = {(row["a"], row["b"]): row for row in tie_rows(result)}
    with db.transaction(lock=LOCK) as tx:
        tx.write(
            "networks/write_run", **parameters, modularity=partition.modularity,
            seconds=partition.seconds, projection_seconds=run.projection_seconds,
            people=graph.number_of_nodes(), ties=graph.number_of_edges(), networks=len(networks),
        )
        tx.write("networks/retire_networks", network_ids=sorted(result.networks))
        tx.write("networks/write_networks", networks=networks, **parameters)
        stored_members = _stored(tx, "networks/stored_memberships", MEMBER_KEY)
        stored_ties = _stored(tx, "networks/stored_ties", TIE_KEY)
        gone_members, new_members = _changes(stored_members, members, MEMBER_KEY)
        gone_ties, new_ties = _changes(stored_ties, ties, TIE_KEY)
        # Deletions first: a person who moves network loses the old membership (and its
        # network_id copy) before the new one is written.
        for batch in _batches(gone_members):
            tx.write("networks/delete_members", members=batch)
        for batch in _batches(gone_ties):
            tx.write("networks/delete_ties", ties=batch)
        for batch in _batches(new_members):
            tx.write("networks/write_members", members=batch)
        for batch in _batches(new_ties):
            tx.write("networks/write_ties", ties=batch)
    return {
        "memberships_deleted": len(gone_members), "memberships_written": len(new_members),
        "memberships_kept": len(members) - len(new_members),
        "ties_deleted": len(gone_ties), "ties_written": len(new_ties), "ties_kept": len(ties) - len(new_ties),
    }


def row_digest(row: dict) -> str:
    """The fingerprint of a membership or tie row: equal rows (in any key order) give equal
    digests, and any changed value a different one."""
    text = json.dumps(row, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _stored(tx, statement: str, key: tuple[str, str]) -> dict[tuple, str | None]:
    """Stored rows' keys and digests (rows written before digests existed have none, and so
    always differ)."""
    stored = {}
    for packed in tx.run(statement):
        for item in packed["items"]:
            row = dict(zip(packed["columns"], item, strict=True))
            stored[(row[key[0]], row[key[1]])] = row["digest"]
    return stored


def _changes(stored: dict[tuple, str | None], rows: dict[tuple, dict], key: tuple[str, str]) -> tuple[list[dict], list[dict]]:
    """The stored rows to delete (gone or changed), as their keys, and the rows to write (new
    or changed) with their digests."""
    written, changed = [], set()
    for row_key, row in rows.items():
        fingerprint = row_digest(row)
        if stored.get(row_key) != fingerprint:
            written.append({**row, "digest": fingerprint})
            changed.add(row_key)
    gone = [dict(zip(key, row_key, strict=True)) for row_key in stored if row_key not in rows or row_key in changed]
    return gone, written


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
                "weighted_degree": score.weighted_degree, "betweenness": score.betweenness,
                "brokerage": score.brokerage, "bridges": list(score.bridges),
                "key_player_rank": rank, "key_player_reasons": list(reasons),
                "child": is_child, "role": role_label(is_child, rank is not None),
            }


def tie_rows(result: "NetworkResult"):
    """Every tie that touches a network member (inside a network, or reaching out of it)."""
    for a, b, data in result.graph.edges(data=True):
        if a not in result.network_of and b not in result.network_of:
            continue
        a, b = (a, b) if a <= b else (b, a)  # stored from the smaller ID, whatever order the graph gives
        evidence = data["evidence"]
        dates = [e["observed_on"] for e in evidence if e["observed_on"] is not None]
        yield {
            "a": a, "b": b, "weight": data["weight"], "count": len(evidence),
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
