"""Stored review dates: each record's review date under the policy, kept on the record.

The review queue lists the records due, oldest first, and counts them. Worked out on read from
the policy, that meant reading every record in the store (two minutes for a region's ten million;
docs/scaling.md). So each record keeps its review date as ``review_due``, indexed per record
type, and the queue reads the oldest from the indexes (``cypher/retention/due_page``).

A stored date is only as good as its upkeep. It is set, by ``cypher/retention/set_review_due``
(the one statement that applies the rule in the store):

- for every record an ingest stages, batch by batch, before readers can see it;
- in an ingest's publishing transaction, for every stored record it merges and for the links
  and contacts of every report it changes (a link takes its report's grade and date);
- for every record, under the ingest lock, when the policy is not the one the store's dates
  were set under (:func:`bring_up_to_date`): a new policy, or a store from before this module.

A decision to retain sets its record's date itself (``retention/retain``), as do a family tie's
own statements (its date is only ever given or retained).

>>> sorted(LABELS)[:3]
['CareStatus', 'Contact', 'CseConcern']
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any, Mapping, Sequence

from graph_service.analysis.retention import policy
from graph_service.db import Database

log = logging.getLogger(__name__)

#: The node labels of the records under review, and their record types (policy.RECORD_TYPES,
#: less family ties, which are relationships).
LABELS: dict[str, str] = {
    "Intel": "intel", "Link": "link", "MissingEpisode": "missing_episode", "Sighting": "sighting",
    "CareStatus": "care_status", "Notice": "notice", "PermissionStatement": "permission_statement",
    "CseConcern": "cse_concern", "Contact": "contact", "Phone": "phone", "OnlineAccount": "online_account",
    "Person": "person", "Vehicle": "vehicle", "Location": "location",
}
#: Records dated in one transaction when the whole store is dated again.
BATCH = 20_000


def fingerprint() -> str:
    """The policy in force, as a short digest: the store keeps the one its dates were set under."""
    text = json.dumps(policy.policy_parameter(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def parameters() -> dict:
    """What ``retention/set_review_due`` takes besides the records."""
    return {"labels": LABELS, "policy": policy.policy_parameter()}


def set_for(run, element_ids: Sequence[str], batch: int = BATCH) -> int:
    """Date the records with these element IDs (staged or stored), ``batch`` at a time; ``run``
    runs a named statement (a transaction's ``run``, or :meth:`Database.write_batch`)."""
    dated = 0
    for start in range(0, len(element_ids), batch):
        rows = run("retention/set_review_due", element_ids=list(element_ids[start:start + batch]), **parameters())
        dated += rows[0]["dated"] if rows else 0
    return dated


def set_for_merged(tx, merged: Mapping[str, Any], reports_changed: Sequence[str], batch: int = BATCH) -> int:
    """In an ingest's publishing transaction: date again every stored record it merged
    (``merged``: record type -> the ingest's ``Records``, whose ``keys()`` are their IDs) and
    the links and contacts of the reports whose grade or date it changed (``reports_changed``:
    intel IDs)."""
    wanted = [(kind, records.keys()) for kind, records in merged.items() if kind in LABELS.values()]
    wanted.append(("reported_by", list(reports_changed)))
    dated = 0
    for record_type, ids in wanted:
        for start in range(0, len(ids), batch):
            found = tx.run("retention/element_ids", record_type=record_type, ids=ids[start:start + batch])
            dated += set_for(tx.run, found[0]["element_ids"], batch)
    return dated


def up_to_date(db: Database) -> bool:
    """Whether the store's dates were set under the policy in force (or it holds nothing yet)."""
    row = db.read("retention/review_policy")[0]
    return row["policy"] == fingerprint() or (row["policy"] is None and not row["records"])


def bring_up_to_date(db: Database) -> int | None:
    """Date every record again if the store's dates were not set under the policy in force,
    under the ingest lock (an ingest waits, and so does another process doing the same); how
    many records were dated, or None when they were up to date already."""
    if up_to_date(db):
        return None
    with db.lock("ingest"):
        return date_again(db)


def date_again(db: Database) -> int | None:
    """:func:`bring_up_to_date` for a caller that holds the ingest lock (an ingest, first thing)."""
    if up_to_date(db):  # perhaps another process did it while this one waited for the lock
        return None
    dated = 0
    for label in LABELS:
        element_ids = db.read("retention/records_under_review", label=label)[0]["element_ids"]
        dated += set_for(db.write_batch, element_ids)
        log.info("review dates: %s %s records dated under the policy in force", f"{len(element_ids):,}", label)
    dated += db.write_batch("retention/date_family_ties")[0]["dated"]
    db.write_batch("retention/set_review_policy", policy=fingerprint())
    return dated
