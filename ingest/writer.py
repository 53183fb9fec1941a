"""Writing valid records into Neo4j as ``docs/graph-model.md`` describes.

Records go in batches (``UNWIND $rows``) of one type at a time, each batch one statement
from ``cypher/ingest/``, all inside the caller's single transaction: the whole ingest commits
or none of it does. Every statement ``MERGE``s on the record's key and skips a record that is
identical to the stored one, so re-ingesting the same files changes nothing.

A ``link`` is also drawn as a direct relationship between its subject and object
(``ASSOCIATES_WITH``, ``USES_VEHICLE``, ...) carrying its provenance. Those relationships are
recomputed from the ``Link`` nodes at the end, for every (subject, relation, object) that a
new or changed link touches, before and after the change, and for the links of every changed
intelligence report (its grade and date are part of the provenance).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Iterable, Sequence

from graph_service.db import Transaction
from graph_service.grading import INTELLIGENCE_ASSESSMENTS, SOURCE_EVALUATIONS, UNGRADED, grade_label, strongest
from ingest.records import (
    CareStatus,
    Contact,
    CseConcern,
    Family,
    Intel,
    Link,
    Location,
    MissingEpisode,
    Notice,
    OnlineAccount,
    PermissionStatement,
    Person,
    Phone,
    Record,
    Sighting,
    Vehicle,
)

#: Rows a statement takes at once: large enough to amortise each round trip, small enough
#: to keep one statement's working memory modest.
BATCH_SIZE = 10_000

#: The direct relationship type of each ``link`` relation.
DIRECT_TYPES = {relation: relation.upper() for relation in
                ("associates_with", "uses_vehicle", "travelled_in", "seen_at", "lives_at", "frequents",
                 "uses_phone", "uses_account")}

Triple = tuple[str, str, str]  # element IDs of subject and object, and the relation


def _props(record: Record, names: Sequence[str]) -> dict[str, Any]:
    # Absent fields go as null: SET += removes them, so an updated record loses a field it
    # no longer has, while properties other parts of the service write are kept.
    # Dates and date-times travel as ISO 8601 text and the statement turns them back with
    # date() and datetime(): the driver's own conversion of Python temporals is far slower
    # than the server's parsing (it dominated the client's time on large ingests).
    return {name: _plain(getattr(record, name)) for name in names}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def person_row(r: Person) -> dict:
    return {"person_id": r.person_id,
            "props": _props(r, ("forename", "surname", "dob", "gender", "ethnicity", "aliases"))}


def vehicle_row(r: Vehicle) -> dict:
    return {"vrm": r.vrm, "props": _props(r, ("make", "model", "colour"))}


def phone_row(r: Phone) -> dict:
    return {"number": r.number, "props": {}}


def online_account_row(r: OnlineAccount) -> dict:
    return {"account_key": r.key, "props": _props(r, ("platform", "handle", "display_name"))}


def location_row(r: Location) -> dict:
    return {"location_id": r.location_id,
            "props": _props(r, ("name", "category", "lat", "lon", "address", "postcode"))}


def intel_row(r: Intel) -> dict:
    return {"intel_id": r.intel_id, "props": _props(r, (
        "reported_on", "source_evaluation", "intelligence_assessment", "handling_code",
        "handling_conditions", "summary", "review_on"))}


def link_row(r: Link) -> dict:
    return {"link_id": r.link_id, "intel_id": r.intel_id,
            f"subject_{r.subject_type}": r.subject_id, f"object_{r.object_type}": r.object_id,
            "props": _props(r, ("relation", "subject_type", "object_type", "observed_at"))}


def missing_episode_row(r: MissingEpisode) -> dict:
    return {"episode_id": r.episode_id, "person_id": r.person_id,
            "found_location": [r.found_location_id] if r.found_location_id else [],
            "found_with": r.found_with or [],
            "props": _props(r, ("reported_at", "found_at", "return_interview_on", "missing_from",
                                 "duration_hours"))}


def sighting_row(r: Sighting) -> dict:
    return {"sighting_id": r.sighting_id, "location_id": r.location_id,
            "vehicle": [r.vrm] if r.vrm else [], "person_ids": r.person_ids or [],
            "props": _props(r, ("observed_at", "source"))}


def contact_row(r: Contact) -> dict:
    return {"contact_id": r.contact_id, "intel_id": r.intel_id,
            f"from_{r.from_type}": r.from_id, f"to_{r.to_type}": r.to_id,
            "props": _props(r, ("contacted_on", "means", "known_from"))}


def care_status_row(r: CareStatus) -> dict:
    return {"care_status_key": r.key, "person_id": r.person_id,
            "props": _props(r, ("status", "start_on", "end_on"))}


def family_row(r: Family) -> dict:
    return {"person_id": r.person_id, "relative_id": r.relative_id, "relation": r.relation}


def notice_row(r: Notice) -> dict:
    return {"notice_id": r.notice_id, "adult_id": r.adult_id, "child_id": r.child_id,
            "props": _props(r, ("basis", "issued_on", "status", "ended_on"))}


def permission_statement_row(r: PermissionStatement) -> dict:
    return {"statement_id": r.statement_id, "child_id": r.child_id, "adult_id": r.adult_id,
            "made_by_id": r.made_by_id, "props": _props(r, ("made_on",))}


def cse_concern_row(r: CseConcern) -> dict:
    return {"concern_id": r.concern_id, "person_id": r.person_id,
            "props": _props(r, ("level", "assessed_on", "assessed_by", "risk_factors", "review_on"))}


def with_review_date(row: dict, record: Record) -> dict:
    """The row with the record's ``review_date`` (docs/retention.md) among its properties: as a
    date, which the driver sends as a Neo4j date (rarely given, so its slower conversion costs
    nothing), so the merge statements need no change. A family record has no properties of
    its own: its review date goes on its relationship (retention/set_family_review_dates)."""
    if "props" in row:
        row["props"]["review_date"] = record.review_date
    else:
        row["review_date"] = record.review_date
    return row


#: For each record type, in load order: its row builder and the statement that merges rows.
WRITERS: dict[str, tuple[Callable[[Any], dict], str]] = {
    "person": (person_row, "ingest/merge_person"),
    "vehicle": (vehicle_row, "ingest/merge_vehicle"),
    "location": (location_row, "ingest/merge_location"),
    "phone": (phone_row, "ingest/merge_phone"),
    "online_account": (online_account_row, "ingest/merge_online_account"),
    "intel": (intel_row, "ingest/merge_intel"),
    "link": (link_row, "ingest/merge_link"),
    "missing_episode": (missing_episode_row, "ingest/merge_missing_episode"),
    "sighting": (sighting_row, "ingest/merge_sighting"),
    "care_status": (care_status_row, "ingest/merge_care_status"),
    "family": (family_row, "ingest/merge_family"),
    "notice": (notice_row, "ingest/merge_notice"),
    "permission_statement": (permission_statement_row, "ingest/merge_permission_statement"),
    "cse_concern": (cse_concern_row, "ingest/merge_cse_concern"),
    "contact": (contact_row, "ingest/merge_contact"),
}

#: The statement that finds which IDs of a referenced kind are already stored.
STORED_IDS = {kind: f"ingest/stored_{kind}_ids"
              for kind in ("person", "vehicle", "location", "phone", "online_account", "intel")}


def stored_ids(tx: Transaction, kind: str, ids: list[str]) -> set[str]:
    """Which of ``ids`` the store holds as ``kind`` (person, vehicle, location, phone,
    online_account, intel)."""
    found: set[str] = set()
    for start in range(0, len(ids), BATCH_SIZE * 5):
        rows = tx.run(STORED_IDS[kind], ids=ids[start:start + BATCH_SIZE * 5])
        found.update(row["id"] for row in rows)
    return found


def grade_ranks() -> dict[str, int]:
    """Every grade label ranked strongest first, by the one grading table (graph_service.grading)."""
    remaining = [grade_label(s, a) for s in SOURCE_EVALUATIONS for a in INTELLIGENCE_ASSESSMENTS]
    ranks = {}
    while remaining:
        best = strongest(remaining)
        ranks[best] = len(ranks)
        remaining.remove(best)
    return ranks


@dataclass
class Written:
    """What one ingest changed, per record type."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    direct_relationships: int = 0
    #: Stored reports whose grade or date changed: their links' and contacts' review dates too.
    reports_changed: list[str] = field(default_factory=list)


def write(tx: Transaction, records: dict[str, list[Record]], advance: Callable[[int], None] = lambda n: None,
          batch_size: int = BATCH_SIZE, triples: Iterable[Triple] = ()) -> Written:
    """Merge ``records`` (valid, references checked, one per key) in load order, then
    recompute the direct relationships they touch and ``triples`` (those of links written
    otherwise: ingest.staging)."""
    written = Written()
    triples = set(triples)
    changed_intel = written.reports_changed
    for kind, (to_row, statement) in WRITERS.items():
        items = records.get(kind) or []
        for start in range(0, len(items), batch_size):
            chunk = items[start:start + batch_size]
            rows = [with_review_date(to_row(record), record) for record in chunk]
            result = tx.run(statement, rows=rows)[0]
            written.created[kind] += result["created"]
            written.updated[kind] += result["updated"]
            if kind == "intel":
                changed_intel.extend(result["updated_ids"])
            if kind == "link":
                triples.update(triples_of(result["triples"]))
            if kind == "family":
                tx.run("retention/set_family_review_dates", rows=rows)
            advance(len(chunk))
    for start in range(0, len(changed_intel), batch_size):
        rows = tx.run("ingest/link_triples_of_intel", intel_ids=changed_intel[start:start + batch_size])
        triples.update(triples_of(rows))
    written.direct_relationships = recompute_direct(tx, triples, batch_size)
    return written


def triples_of(rows: Iterable[dict]) -> Iterable[Triple]:
    """(subject, relation, object) of rows from ingest/merge_link or ingest/link_triples_of_intel."""
    for row in rows:
        if row["subject"] is not None and row["object"] is not None:
            yield row["subject"], row["relation"], row["object"]


def grading() -> dict[str, Any]:
    """The grading parameters of ingest/recompute_direct."""
    return {"grade_rank": grade_ranks(), "ungraded": grade_label(*UNGRADED)}


def direct_rows(triples: Iterable[Triple]) -> list[dict]:
    """The rows of ingest/recompute_direct for (subject, relation, object) triples."""
    return [{"subject": s, "relation": relation, "type": DIRECT_TYPES[relation], "object": o}
            for s, relation, o in sorted(triples)]


def recompute_direct(tx: Transaction, triples: Iterable[Triple], batch_size: int = BATCH_SIZE) -> int:
    """Recompute the direct relationship of each (subject, relation, object) from its links."""
    rows = direct_rows(triples)
    parameters = grading()
    for start in range(0, len(rows), batch_size):
        tx.run("ingest/recompute_direct", triples=rows[start:start + batch_size], **parameters)
    return len(rows)
