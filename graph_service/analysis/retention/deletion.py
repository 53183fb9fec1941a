"""Deleting a person, or an intelligence report, at review (docs/retention.md).

One transaction does all of it, or none: what to delete is read inside the transaction
(``cypher/retention/*_deletion_scope``), then what was computed from those records
(``retention/delete_derived``), the records (``retention/delete_records``) and, for a person,
the person (``retention/delete_person``). Deleting a report also recomputes the direct
relationships its links drew, from the links that remain. Networks are recomputed at the next
``graph-service networks detect``; until then a network's member counts still include the
deleted person (its members and ties no longer do).

The caller records the deletion in the audit log by IDs only (``Deleted.ids``): the audit log
is sealed and never rewritten, and no retention decision is kept in the store for a deleted
record, since it would name the ID the deletion removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from graph_service.db import Database, Transaction
from ingest.writer import DIRECT_TYPES, recompute_direct


class UnknownPerson(LookupError):
    """No person with that ID is stored."""


class UnknownReport(LookupError):
    """No intelligence report with that ID is stored."""


#: The scope's lists of record IDs by record type, and the parameter of delete_records each fills.
_RECORD_LISTS = {"link": "link_ids", "intel": "intel_ids", "missing_episode": "episode_ids",
                 "sighting": "sighting_ids", "care_status": "care_status_keys", "cse_concern": "concern_ids",
                 "notice": "notice_ids", "permission_statement": "statement_ids", "contact": "contact_ids",
                 "phone": "phone_numbers", "online_account": "account_keys"}


@dataclass
class Deleted:
    """What one deletion removed (IDs only) and what it kept, for the user and the audit log."""

    #: ``person`` or ``intel``, and its ID.
    kind: str
    target: str
    #: Record type -> the IDs deleted (the person or report itself included).
    records: dict[str, list[str]] = field(default_factory=dict)
    #: Derived data removed or updated: alerts, watches, candidate reviews, disruption plans and
    #: actions, retention decisions, ties and plans with the deleted IDs taken out.
    derived: dict[str, int] = field(default_factory=dict)
    #: Records kept with the person taken out of them (type -> IDs): reports that also concern
    #: others (their free-text summaries are for the reviewer to read), missing episodes of
    #: other children, sightings that saw others too.
    kept: dict[str, list[str]] = field(default_factory=dict)
    #: Direct relationships recomputed (a report's deletion).
    recomputed: int = 0

    @property
    def ids(self) -> list[str]:
        """Every deleted ID, the target first: what the audit log keeps."""
        found = [self.target]
        for ids in self.records.values():
            found += [i for i in ids if i != self.target]
        return list(dict.fromkeys(found))

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.records.values())


def delete_person(db: Database, person_id: str, before_commit: Callable[[Deleted], None] | None = None) -> Deleted:
    """Delete a person with their records, ties and evidence and what was computed from them,
    in one transaction; :class:`UnknownPerson` (nothing changed) when no such person is stored.

    ``before_commit(deleted)`` runs inside the transaction after the deletes: the caller writes
    its audit entry there, so the deletion is kept only once its entry is on disk, and not at
    all if that fails (the exception rolls it back)."""
    with db.transaction(lock="ingest") as tx:
        rows = tx.run("retention/person_deletion_scope", person_id=person_id)
        if not rows:
            raise UnknownPerson(f"no person {person_id!r} is stored: nothing was deleted")
        scope = rows[0]
        deleted = Deleted("person", person_id)
        deleted.records = {"person": [person_id], "family": scope["family_keys"],
                           **{kind: scope[name] for kind, name in _RECORD_LISTS.items()}}
        deleted.kept = {"intel": scope["kept_intel_ids"], "missing_episode": scope["kept_episode_ids"],
                        "sighting": scope["kept_sighting_ids"]}
        _delete_derived(tx, deleted, person_ids=[person_id])
        tx.run("retention/delete_records", **{name: scope[name] for name in _RECORD_LISTS.values()})
        tx.run("retention/delete_person", person_id=person_id)
        if before_commit is not None:
            before_commit(deleted)
    return deleted


def delete_report(db: Database, intel_id: str, before_commit: Callable[[Deleted], None] | None = None) -> Deleted:
    """Delete an intelligence report and its links, and what was computed from them, in one
    transaction, recomputing the direct relationships the links drew; :class:`UnknownReport`
    (nothing changed) when no such report is stored. The people it named are kept.
    ``before_commit``: as :func:`delete_person`."""
    with db.transaction(lock="ingest") as tx:
        rows = tx.run("retention/intel_deletion_scope", intel_id=intel_id)
        if not rows:
            raise UnknownReport(f"no intelligence report {intel_id!r} is stored: nothing was deleted")
        scope = rows[0]
        deleted = Deleted("intel", intel_id, records={"intel": [intel_id], "link": scope["link_ids"],
                                                      "contact": scope["contact_ids"]})
        deleted.kept = {"person": sorted(scope["people"])}
        _delete_derived(tx, deleted, person_ids=[])
        lists = {name: [] for name in _RECORD_LISTS.values()}
        tx.run("retention/delete_records", **{**lists, "intel_ids": [intel_id], "link_ids": scope["link_ids"],
                                              "contact_ids": scope["contact_ids"]})
        triples = {(t["subject"], t["relation"], t["object"]) for t in scope["triples"] if t["relation"] in DIRECT_TYPES}
        deleted.recomputed = recompute_direct(tx, triples)
        if before_commit is not None:
            before_commit(deleted)
    return deleted


def _delete_derived(tx: Transaction, deleted: Deleted, person_ids: list[str]) -> None:
    keys = [f"{kind}|{record_id}" for kind, ids in deleted.records.items() for record_id in ids]
    record_ids = [record_id for ids in deleted.records.values() for record_id in ids]
    (counts,) = tx.run("retention/delete_derived", person_ids=person_ids, record_ids=record_ids, record_keys=keys)
    deleted.derived = dict(counts)
