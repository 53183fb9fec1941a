"""The facts hot spots are built from, read from the store by the named Cypher statements
under ``cypher/hotspots/``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable, Sequence

import geopandas as gpd
import pandas as pd

from graph_service import grading
from graph_service.analysis.hotspots.points import HotspotError, points_from_lonlat
from graph_service.grading import RECORDED_FACT, UNGRADED, grade_weight
from graph_service.vocabulary import HOTSPOT_CONCERN_REASONS, HOTSPOT_PLACE_CATEGORIES

#: Event kinds, as the CLI's ``--kinds`` names them.
KINDS = ("missing", "sighting", "intel")
#: Intelligence link relations that place something at a location as an event. ``lives_at``
#: is left out: where someone lives is not an occurrence there, and home addresses would
#: otherwise dominate every map.
EVENT_RELATIONS = ("seen_at", "frequents")

#: The old name of :data:`graph_service.vocabulary.HOTSPOT_PLACE_CATEGORIES`, kept until the
#: dashboard's hot-spot pages import the vocabulary themselves.
CONCERN_CATEGORIES = HOTSPOT_PLACE_CATEGORIES

#: An event's columns as the statements answer them: the instant in milliseconds since 1970, UTC
#: (read into ``observed_at``).
_READ_COLUMNS = ["kind", "event_id", "location_id", "category", "observed_at_ms", "on", "weight", "handling_code"]


def fetch_events(db, kinds: Iterable[str] = KINDS, start: date | None = None, end: date | None = None,
                 relations: Sequence[str] = EVENT_RELATIONS, area_id: str | None = None) -> gpd.GeoDataFrame:
    """Events with a place from the store, in WGS84, filtered by kind and dates (inclusive),
    and to the places of the area ``area_id`` when given (as joined to areas when loaded).

    Each event counts by the grade of its evidence (``weight``, from the grading table):
    missing episodes and sightings are recorded facts; a location in intelligence weighs
    what its report's grades weigh, and an E-graded report (suspected false) is left out.
    """
    kinds = list(dict.fromkeys(kinds))
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise HotspotError(f"unknown event kind(s) {', '.join(unknown)}: use {', '.join(KINDS)}", field="kinds")
    window = _window(start, end, area_id, relations)
    frames = []
    for kind, name in (("missing", "hotspots/missing_found"), ("sighting", "hotspots/sightings")):
        if kind in kinds:
            frames.append(_events(db, name, **window).assign(
                kind=kind, weight=grade_weight(*RECORDED_FACT), handling_code=None))
    if "intel" in kinds:
        frame = _events(db, "hotspots/intel_locations", **window)
        # (pandas reads a missing text as NaN, not None)
        frame["weight"] = [grade_weight(*((evaluation, assessment) if pd.notna(intel_id) else UNGRADED))
                           for intel_id, evaluation, assessment in
                           zip(frame["intel_id"], frame["source_evaluation"], frame["intelligence_assessment"], strict=True)]
        frames.append(frame.assign(kind="intel"))
    columns = [*_READ_COLUMNS, "lat", "lon"]
    frames = [frame[columns] for frame in frames if len(frame)]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return points_from_lonlat(_with_instants(table))


#: The instants that stand for "no bound" to the statements' indexes on the events' times.
_EARLIEST = datetime(1, 1, 2, tzinfo=timezone.utc)
_LATEST = datetime(9999, 12, 30, tzinfo=timezone.utc)


def _window(start: date | None, end: date | None, area_id: str | None, relations: Sequence[str]) -> dict:
    """The event statements' parameters for the days ``start``..``end`` (inclusive; None: no
    bound). ``from`` and ``to`` keep exactly the events whose own date (in their own time zone)
    is in the window; ``after`` and ``before`` are instants a day wider each side, which no
    time zone's date of an event in the window falls outside, for the indexes on the events'
    times to find them without reading every event stored."""
    return {"from": start, "to": end, "area_id": area_id, "relations": list(relations),
            "after": _EARLIEST if start is None else datetime.combine(start - timedelta(days=1), time(), timezone.utc),
            "before": _LATEST if end is None else datetime.combine(end + timedelta(days=2), time(), timezone.utc),
            "undated_relations": list(relations) if start is None and end is None else []}


def _events(db, name: str, **params) -> pd.DataFrame:
    """The events of one statement, read as one record (tens of thousands on a region's store)."""
    return pd.DataFrame(db.read_packed(name, **params), columns=[*_READ_COLUMNS, "lat", "lon", "intel_id",
                                                                 "source_evaluation", "intelligence_assessment"])


#: What makes an event a sign of exploitation at a place (:mod:`.concern`), and its kind.
CONCERN_REASONS = HOTSPOT_CONCERN_REASONS
#: What a sighting of a child with an adult not their family weighs when no adult in it is of
#: concern (intelligence of association with an unrelated child, or found with a missing child):
#: in a busy town centre children are seen beside unrelated adults all day (older friends,
#: friends' parents, staff on duty), so such a sighting is a quarter of the evidence that one
#: with an adult of concern is. See docs/hotspots.md.
UNKNOWN_ADULT_WEIGHT = 0.25
#: The association that makes an adult "of concern" is never taken from these assessments.
NEVER_COUNTS = grading.NEVER_COUNTS


def fetch_concern_events(db, kinds: Iterable[str] = KINDS, start: date | None = None, end: date | None = None,
                         relations: Sequence[str] = EVENT_RELATIONS, area_id: str | None = None) -> gpd.GeoDataFrame:
    """The events that point at exploitation at a place (``cypher/hotspots/concern_events``),
    in WGS84, with their ``reason`` (:data:`CONCERN_REASONS`), ``kind`` and ``weight``.

    Missing episodes and sightings are recorded facts; intelligence weighs what its report's
    grades weigh, a link without a report as untested hearsay, and E-graded intelligence is
    left out. A sighting of a child with unrelated adults none of whom is of concern weighs
    :data:`UNKNOWN_ADULT_WEIGHT`. Whether a person was a child on the day is the only fact
    about a person read.
    """
    kinds = set(kinds)
    reasons = [r for r, kind in CONCERN_REASONS.items() if kind in kinds]
    rows = []
    for row in db.read("hotspots/concern_events", never_counts=NEVER_COUNTS, **_window(start, end, area_id, relations)):
        if row["reason"] not in reasons:
            continue
        if CONCERN_REASONS[row["reason"]] != "intel":
            grades = RECORDED_FACT
        else:
            grades = (row["source_evaluation"], row["intelligence_assessment"]) if row["intel_id"] else UNGRADED
        weight = grade_weight(*grades)
        if row["reason"] == "child_with_adult" and not row.get("known_adult"):
            weight *= UNKNOWN_ADULT_WEIGHT
        rows.append({**row, "kind": CONCERN_REASONS[row["reason"]], "weight": weight})
    return points_from_lonlat(_with_instants(pd.DataFrame(rows, columns=["reason", *_READ_COLUMNS, "lat", "lon"])))


def fetch_locations(db, categories: Sequence[str] | None = None) -> gpd.GeoDataFrame:
    """Locations (WGS84) with their category and how many found-after-missing episodes and
    sightings happened there; ``categories`` limits the categories."""
    rows = db.read("hotspots/locations", categories=list(categories) if categories else None)
    frame = pd.DataFrame(rows, columns=["location_id", "name", "category", "lat", "lon", "missing_found", "sightings"])
    return points_from_lonlat(frame)


def fetch_person_places(db, person_ids: Sequence[str]) -> pd.DataFrame:
    """Where each person is placed by the evidence: one row per person, the location with
    the heaviest graded evidence (links to the location, sightings, found after or with a
    missing episode). People with no located evidence are absent."""
    rows = db.read("hotspots/person_places", person_ids=list(person_ids))
    columns = ["person_id", "location_id", "category", "lat", "lon", "evidence"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    graded = frame["source_evaluation"].notna()
    frame["evidence"] = [
        grade_weight(se, ia) if has else grade_weight(*(RECORDED_FACT if how != "link" else UNGRADED))
        for se, ia, has, how in zip(frame["source_evaluation"], frame["intelligence_assessment"], graded, frame["how"], strict=False)
    ]
    totals = frame.groupby(["person_id", "location_id", "category", "lat", "lon"], as_index=False)["evidence"].sum()
    totals = totals[totals["evidence"] > 0].sort_values(["person_id", "evidence", "location_id"], ascending=[True, False, True])
    return totals.drop_duplicates("person_id").reset_index(drop=True)[columns]


def _with_instants(frame: pd.DataFrame) -> pd.DataFrame:
    """The events that weigh something, each with its ``observed_at`` (UTC) and ``on`` (a date)."""
    frame = frame[frame["weight"] > 0].reset_index(drop=True)
    observed = pd.to_datetime(pd.to_numeric(frame.pop("observed_at_ms")), unit="ms", utc=True)
    frame.insert(frame.columns.get_loc("on"), "observed_at", observed)
    # A date arrives as text from the event statements, as a Neo4j date from the others; an
    # undated event's is None (pandas reads a missing text as NaN).
    frame["on"] = [v.to_native() if hasattr(v, "to_native") else date.fromisoformat(v) if isinstance(v, str)
                   else v if isinstance(v, date) else None for v in frame["on"]]
    return frame
