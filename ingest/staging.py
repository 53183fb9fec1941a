"""One ingest of any size, all or nothing: new records staged in batches, then published.

An ingest's new records (people, vehicles, places, phones, online accounts, reports, links,
missing episodes, sightings, contacts and the family ties of new people: all but a few of a large submission) are
written in batches of :data:`~ingest.writer.BATCH_SIZE`, each batch its own transaction, as
nodes labelled only ``Staged`` (with ``staged_as``, the label they will take). Every reader
of the service matches nodes by label (``:Person``, ``:Link``...), so none sees a staged node,
nor a relationship between a staged node and a stored one, whose far end lacks the label the
reader asks for. The last transaction publishes: each staged node takes its label, the
records already stored are merged with the statements of :mod:`ingest.writer`, and direct
relationships between stored nodes are recomputed. Readers see the whole ingest at that
commit, or none of it. Why so, and what it costs: docs/scaling.md.

An ingest with more new records than one transaction holds (``GRAPH_SERVICE_PUBLISH_BATCH``)
gives its staged nodes their labels in batches first (:func:`label_in_batches`), behind a
guard that makes every read refuse (:class:`graph_service.db.StoreBeingPublished`) until the
last transaction lowers it: readers are turned away for a minute or two, never shown part.

Records that refer to each other do so by element ID, resolved here in Python: from the
reference checks for stored nodes, and from what each staged batch returns for new ones. So
the staged statements need no index on the staging label and no lookup by key.

A failure before the publish commits leaves staged nodes only:
:func:`graph_service.db.unfinished.discard` removes them (the ingest does on failure, and
the next ingest does first thing, for a process that was killed).
"""

from __future__ import annotations

import functools
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from graph_service.analysis.retention import due_dates
from graph_service.db import Database, Transaction
from graph_service.grading import UNGRADED, grade_label
from ingest import writer
from ingest.checks import Records
from ingest.records import Contact, Family, Intel, Link, MissingEpisode, Record, Sighting

#: Record types written as staged nodes when their key is new, in load order: the first
#: six are referred to by the rest, which need their element IDs.
STAGED_NODES = ("person", "vehicle", "location", "phone", "online_account", "intel",
                "link", "missing_episode", "sighting", "contact")
REFERRED_TO = ("person", "vehicle", "location", "phone", "online_account", "intel")
#: Record types with no date of their own: under review only when given a date or retained.
UNDATED = ("person", "vehicle", "location", "phone", "online_account")
#: Record types looked up by key to tell a new record from a stored one.
LOOKED_UP = {**writer.STORED_IDS, **{kind: f"ingest/stored_{kind}_ids"
                                     for kind in ("link", "missing_episode", "sighting", "contact")}}
#: IDs looked up in one statement.
LOOKUP_SIZE = writer.BATCH_SIZE * 5


@dataclass
class Identities:
    """Element IDs of the nodes an ingest refers to, by record type and key, and which keys
    are stored already (their records are merged at the publish, not staged)."""

    element_ids: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in REFERRED_TO})
    stored: dict[str, set[str]] = field(default_factory=dict)
    staged: set[str] = field(default_factory=set)  # element IDs of staged nodes

    def look_up(self, db: Database, kind: str, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` the store holds as ``kind``, noting them (and element IDs)."""
        ids = sorted(set(ids))
        found: set[str] = set()
        for start in range(0, len(ids), LOOKUP_SIZE):
            for row in db.read(LOOKED_UP[kind], ids=ids[start:start + LOOKUP_SIZE]):
                found.add(row["id"])
                if kind in self.element_ids:
                    self.element_ids[kind][row["id"]] = row["element_id"]
        self.stored.setdefault(kind, set()).update(found)
        return found

    def of(self, kind: str, key: str) -> str:
        return self.element_ids[kind][key]


@dataclass
class Staged:
    """What the staging wrote: records per type, and the (subject, relation, object) element
    IDs of new links between two stored nodes (their direct relationship is recomputed at the
    publish, since readers see it)."""

    created: Counter = field(default_factory=Counter)
    publish_triples: set[writer.Triple] = field(default_factory=set)


def split(db: Database, records: dict[str, Records], identities: Identities) -> tuple[dict, dict]:
    """The records to stage (new keys) and those to merge at the publish (stored keys, the
    few casework types, family ties between stored people), after looking up every key."""
    for kind in LOOKED_UP:
        identities.look_up(db, kind, records[kind].keys() if kind in records else ())
    new: dict[str, Records] = {}
    existing: dict[str, Records] = {}
    people = identities.stored["person"]
    for kind, items in records.items():
        if kind in STAGED_NODES:
            stored = identities.stored[kind]
            existing[kind], new[kind] = items.split_by_key(stored.__contains__)
        elif kind == "family":
            # A tie between two stored people is between nodes readers see: published.
            existing[kind], new[kind] = items.split(lambda r: r.person_id in people and r.relative_id in people)
        else:
            existing[kind] = items
    return new, existing


def stage(db: Database, new: dict[str, Records], identities: Identities,
          advance: Callable[[int], None] = lambda n: None, batch_size: int = writer.BATCH_SIZE) -> Staged:
    """Write ``new`` records as staged nodes and relationships, a batch per transaction."""
    staged = Staged()
    staged_links: dict[writer.Triple, list[Evidence]] = {}
    reports: dict[str, Report] = {}
    # The next batch's rows are made (records unpacked, references resolved) on a thread of
    # their own while the server writes this one, so that work overlaps the server's
    # (docs/scaling.md, "Memory of one ingest": 12.3 s against 14.1 s on the medium scenario).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="staging-rows") as ahead:
        for kind in (*STAGED_NODES, "family"):
            for chunk, rows in _batches(ahead, new.get(kind) or [], kind, identities, batch_size):
                result = db.write_batch(f"ingest/stage_{kind}", rows=rows)[0]
                if kind != "family":
                    _date(db, kind, chunk, result["element_ids"])
                if kind in REFERRED_TO:
                    for record, element_id in zip(chunk, result["element_ids"], strict=True):
                        identities.element_ids[kind][record.key] = element_id
                        identities.staged.add(element_id)
                if kind == "intel":
                    reports.update((record.intel_id, Report.of(record)) for record in chunk)
                if kind == "link":
                    for record, row in zip(chunk, rows, strict=True):
                        triple = (row["subject"], row["props"]["relation"], row["object"])
                        if row["subject"] in identities.staged or row["object"] in identities.staged:
                            staged_links.setdefault(triple, []).append(Evidence.of(record))
                        else:
                            staged.publish_triples.add(triple)
                staged.created[kind] += len(chunk)
                advance(len(chunk))
    _stage_direct(db, staged_links, reports, batch_size)
    return staged


def _batches(ahead: ThreadPoolExecutor, items: Records, kind: str, identities: Identities,
             batch_size: int) -> Iterator[tuple[list[Record], list[dict]]]:
    """Each batch of ``items`` and its rows, the next made on ``ahead`` while this one is
    written. Rows of one type refer only to nodes of types staged before it (people before
    links), so making them ahead never misses an element ID."""
    to_row = ROWS[kind]

    def make(start: int) -> tuple[list[Record], list[dict]]:
        chunk = items[start:start + batch_size]
        return chunk, [to_row(record, identities) for record in chunk]

    starts = range(0, len(items), batch_size)
    if not starts:
        return
    pending = ahead.submit(make, starts[0])
    for following in [*starts[1:], None]:
        batch = pending.result()
        pending = ahead.submit(make, following) if following is not None else None
        yield batch


class Evidence(NamedTuple):
    """What one new link adds to its direct relationship: kept for every new link until the
    direct relationships are made, so a few fields rather than the whole record."""

    link_id: str
    intel_id: str | None
    observed_on: date | None

    @classmethod
    def of(cls, link: Link) -> "Evidence":
        return cls(link.link_id, link.intel_id, link.observed_at.date() if link.observed_at else None)


class Report(NamedTuple):
    """What a direct relationship takes from a new report that a link cites."""

    reported_on: date
    grade: str

    @classmethod
    def of(cls, intel: Intel) -> "Report":
        return cls(intel.reported_on, grade_label(intel.source_evaluation, intel.intelligence_assessment))


def _stage_direct(db: Database, staged_links: dict[writer.Triple, list[Evidence]], reports: dict[str, Report],
                  batch_size: int) -> None:
    """Direct relationships with a staged end. No reader sees them before the publish, and
    every link that asserts one is in this ingest (a stored link cannot name a node that is
    not), so most are worked out here from the records and only created by the server,
    which halves what they cost it; those whose links cite a stored report, whose grade only
    the store knows, are recomputed there as before."""
    created, recomputed = [], []
    for (subject, relation, object_), links in sorted(staged_links.items()):
        properties = direct_relationship(links, reports)
        if properties is None:
            recomputed.append((subject, relation, object_))
        else:
            created.append({"subject": subject, "object": object_, "type": writer.DIRECT_TYPES[relation],
                            **properties})
    for start in range(0, len(created), batch_size):
        db.write_batch("ingest/stage_direct", rows=created[start:start + batch_size])
    rows = writer.direct_rows(recomputed)
    for start in range(0, len(rows), batch_size):
        db.write_batch("ingest/recompute_direct", triples=rows[start:start + batch_size], **writer.grading())


def direct_relationship(links: Iterable[Evidence], reports: dict[str, Report]) -> dict | None:
    """The properties of the direct relationship that ``links`` (all of one subject, relation
    and object) assert, as ``cypher/ingest/recompute_direct`` works them out in the store;
    None when a link cites a report that is not among ``reports`` (a stored one).

    ``link_ids`` in order, the reports they cite, the first and last day observed (a link's
    own ``observed_at``, else its report's date) and the strongest grade (a link without a
    report counts as ungraded, ``2D``); dates as ISO 8601 text, as every staged row sends them.

    >>> from ingest.records import Intel, Link
    >>> report = Intel(intel_id="I1", reported_on="2025-01-05", source_evaluation="1",
    ...                intelligence_assessment="B", handling_code="P")
    >>> def link(key, **fields):
    ...     return Evidence.of(Link(link_id=key, subject_type="person", subject_id="P2", relation="associates_with",
    ...                             object_type="person", object_id="P1", **fields))
    >>> direct_relationship([link("K2", observed_at="2025-03-01T20:00:00Z"), link("K1", intel_id="I1")],
    ...                     {"I1": Report.of(report)})  # doctest: +NORMALIZE_WHITESPACE
    {'link_ids': ['K1', 'K2'], 'intel_ids': ['I1'], 'first_observed': '2025-01-05',
     'last_observed': '2025-03-01', 'best_grade': '1B'}
    >>> direct_relationship([link("K3", intel_id="I7")], {"I1": Report.of(report)}) is None
    True
    """
    links = sorted(links, key=lambda link: link.link_id)
    if any(link.intel_id and link.intel_id not in reports for link in links):
        return None
    cited = [reports[link.intel_id] if link.intel_id else None for link in links]
    observed = [link.observed_on or (report.reported_on if report else None)
                for link, report in zip(links, cited, strict=True)]
    observed = [day for day in observed if day is not None]
    ranks = _grade_ranks()
    grades = [report.grade if report else UNGRADED_LABEL for report in cited]
    return {"link_ids": [link.link_id for link in links],
            "intel_ids": list(dict.fromkeys(link.intel_id for link in links if link.intel_id)),
            "first_observed": min(observed).isoformat() if observed else None,
            "last_observed": max(observed).isoformat() if observed else None,
            "best_grade": min(grades, key=ranks.__getitem__)}


UNGRADED_LABEL = grade_label(*UNGRADED)
_grade_ranks = functools.cache(writer.grade_ranks)


def _date(db: Database, kind: str, chunk: list[Record], element_ids: list[str]) -> None:
    """Store the review dates of a staged batch (retention/set_review_due), in a transaction of
    its own before the publish: a person, vehicle, place, phone or account is dated only when
    its intake gave a review date (it has no date of its own, and a new record no decision)."""
    if kind not in UNDATED:
        due_dates.set_for(db.write_batch, element_ids)
        return
    given = [element_id for record, element_id in zip(chunk, element_ids, strict=True) if record.review_date]
    if given:
        due_dates.set_for(db.write_batch, given)


def staged_nodes(staged: Staged) -> int:
    """How many nodes the staging wrote: what the publish gives a label."""
    return sum(staged.created[kind] for kind in STAGED_NODES)


def label_in_batches(db: Database, ingest_id: str, batch: int) -> int:
    """For an ingest with more new records than one transaction holds: raise the store's guard
    (every read is refused from then on), then give the staged nodes their labels ``batch`` at
    a time, each batch its own transaction. :func:`publish` with ``labelled`` ends it; a failure
    before that leaves the guard raised, and :func:`graph_service.db.unfinished.discard`
    removes every staged node, labelled or not, and lowers it (docs/scaling.md)."""
    db.write("ingest/begin_publishing", ingest_id=ingest_id)
    rows = db.run_auto_commit("ingest/publish_staged_in_batches", batch=batch)
    return rows[0]["published"] if rows else 0


def publish(tx: Transaction, ingest_id: str, existing: dict[str, Records], staged: Staged,
            advance: Callable[[int], None] = lambda n: None, labelled: bool = False) -> writer.Written:
    """In the ingest's last transaction: staged nodes take their labels (unless ``labelled``
    in batches already, when this transaction lowers the guard instead), stored records are
    merged, and direct relationships between stored nodes recomputed."""
    if not labelled:
        tx.run("ingest/publish_staged")
    written = writer.write(tx, existing, advance=advance, triples=staged.publish_triples)
    due_dates.set_for_merged(tx, existing, written.reports_changed)
    tx.run("ingest/end_staging", ingest_id=ingest_id, review_policy=due_dates.fingerprint())
    if labelled:
        tx.run("ingest/end_publishing")
    return written


# -- rows of the staged statements ----------------------------------------------------------

def _node_row(kind: str) -> Callable[[Record, Identities], dict]:
    to_row = writer.WRITERS[kind][0]
    return lambda record, identities: writer.with_review_date(to_row(record), record)


def _link_row(r: Link, ids: Identities) -> dict:
    return {"link_id": r.link_id, "subject": ids.of(r.subject_type, r.subject_id),
            "object": ids.of(r.object_type, r.object_id),
            "intel": [ids.of("intel", r.intel_id)] if r.intel_id else [],
            "props": writer.with_review_date(writer.link_row(r), r)["props"]}


def _missing_episode_row(r: MissingEpisode, ids: Identities) -> dict:
    return {"episode_id": r.episode_id, "person": ids.of("person", r.person_id),
            "found_location": [ids.of("location", r.found_location_id)] if r.found_location_id else [],
            "found_with": [ids.of("person", p) for p in r.found_with or ()],
            "props": writer.with_review_date(writer.missing_episode_row(r), r)["props"]}


def _sighting_row(r: Sighting, ids: Identities) -> dict:
    return {"sighting_id": r.sighting_id, "location": ids.of("location", r.location_id),
            "vehicle": [ids.of("vehicle", r.vrm)] if r.vrm else [],
            "persons": [ids.of("person", p) for p in r.person_ids or ()],
            "props": writer.with_review_date(writer.sighting_row(r), r)["props"]}


def _contact_row(r: Contact, ids: Identities) -> dict:
    return {"contact_id": r.contact_id, "from": ids.of(r.from_type, r.from_id), "to": ids.of(r.to_type, r.to_id),
            "intel": ids.of("intel", r.intel_id),
            "props": writer.with_review_date(writer.contact_row(r), r)["props"]}


def _family_row(r: Family, ids: Identities) -> dict:
    return {"child": ids.of("person", r.person_id), "relative": ids.of("person", r.relative_id),
            "relation": r.relation, "review_date": r.review_date}


ROWS: dict[str, Callable[[Any, Identities], dict]] = {
    **{kind: _node_row(kind) for kind in REFERRED_TO},
    "link": _link_row,
    "missing_episode": _missing_episode_row,
    "sighting": _sighting_row,
    "contact": _contact_row,
    "family": _family_row,
}
