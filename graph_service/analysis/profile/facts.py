"""The facts a problem profile is counted from, fetched by the Cypher of ``cypher/profile/``.

Fetched once for the widest window the profile looks at (the previous period, the period, and
the days since the last meeting), then counted per window by pure functions
(:mod:`graph_service.analysis.profile.figures`, :mod:`~graph_service.analysis.profile.indicators`),
so the counting is tested without a database. :func:`shareable` is what a partner's figures are
counted from (``graph_service.disclosure`` decides; this only applies its rule to the facts).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from graph_service.vocabulary import PEER_RECRUITMENT_NETWORK_SIZE, REPEAT_MISSING_DAYS


@dataclass(frozen=True)
class Facts:
    """Rows of ``cypher/profile/*.cypher`` for one area and one window (dates as ``date``)."""

    presence: list[dict] = field(default_factory=list)   # person_id, location_id, category, day, kind, vehicle, shareable
    elsewhere: list[dict] = field(default_factory=list)  # person_id, day, shareable
    people: dict[str, dict] = field(default_factory=dict)  # person_id -> dob, gender, ethnicity, care, ...
    episodes: list[dict] = field(default_factory=list)   # episode_id, person_id, reported_on, found_on, return_interview_on
    places: list[dict] = field(default_factory=list)     # location_id, category
    intel: list[dict] = field(default_factory=list)      # intel_id, reported_on, grades, handling_code
    notices: list[dict] = field(default_factory=list)    # notice_id, child_id, issued_on, status
    actions: list[dict] = field(default_factory=list)    # action_id, status, opened_on, changed_on, due_on
    decisions: list[dict] = field(default_factory=list)  # review_id, decision, decided_on
    concerns: list[dict] = field(default_factory=list)   # person_id, concern_id, level, assessed_on


def fetch(db, area_id: str, start: date, end: date) -> Facts:
    """Every fact about ``area_id`` between ``start`` and ``end`` (and the episodes of the
    :data:`REPEAT_MISSING_DAYS` before, which make an episode in the window a repeat)."""
    window = {"area_id": area_id, "start": start, "end": end}
    presence = [_dated(r, "day") for r in db.read("profile/presence", **window)]
    episodes = [_timed(r) for r in db.read(
        "profile/missing_episodes", area_ids=[area_id], start=start - timedelta(days=REPEAT_MISSING_DAYS), end=end)]
    # the area's people: seen at its places, or missing from it (living there, found elsewhere)
    person_ids = sorted({r["person_id"] for r in presence} | {e["person_id"] for e in episodes})
    people = {r["person_id"]: _person(r) for r in db.read("profile/people", person_ids=person_ids,
                                                          peer_network_size=PEER_RECRUITMENT_NETWORK_SIZE)}
    return Facts(
        presence=presence,
        elsewhere=[_dated(r, "day") for r in db.read("profile/elsewhere", person_ids=person_ids, **window)],
        people=people,
        episodes=episodes,
        places=db.read("profile/places", area_id=area_id),
        intel=[_dated(r, "reported_on") for r in db.read("profile/intel", area_ids=[area_id], start=start, end=end)],
        notices=[_dated(r, "issued_on") for r in db.read("profile/notices", person_ids=person_ids)],
        actions=[_dated(r, "opened_on", "changed_on", "due_on") for r in db.read(
            "profile/actions", area_id=area_id, person_ids=person_ids)],
        decisions=[_dated(r, "decided_on") for r in db.read("profile/decisions", person_ids=person_ids)],
        concerns=[_dated(r, "assessed_on") for r in db.read("profile/concerns", person_ids=person_ids, start=start,
                                                            end=end)],
    )


def fetch_trends(db, area_ids: list[str], start: date, end: date) -> dict[str, Facts]:
    """The facts of each area's small chart on a larger area's profile (by area ID): its missing
    episodes (and the :data:`REPEAT_MISSING_DAYS` before) and its intelligence reports, read for
    all the areas in one statement of each kind."""
    episodes = db.read("profile/missing_episodes", area_ids=area_ids,
                       start=start - timedelta(days=REPEAT_MISSING_DAYS), end=end)
    intel = db.read("profile/intel", area_ids=area_ids, start=start, end=end)
    return {area_id: Facts(episodes=[_timed(r) for r in episodes if r["area_id"] == area_id],
                           intel=[_dated(r, "reported_on") for r in intel if r["area_id"] == area_id])
            for area_id in area_ids}


def shareable(facts: Facts) -> Facts:
    """The facts a partner's profile is counted from: missing episodes and code P intelligence,
    never sightings or code C intelligence, and nothing at a home address (the rules of
    ``graph_service.disclosure``)."""
    from graph_service.disclosure import HANDLING_CODES, PRIVATE_CATEGORIES

    people = {pid: {**p, "travelled": [t for t in p["travelled"] if t["shareable"]]} for pid, p in facts.people.items()}
    return replace(
        facts,
        presence=[r for r in facts.presence if r["shareable"] and r["category"] not in PRIVATE_CATEGORIES],
        elsewhere=[r for r in facts.elsewhere if r["shareable"]],
        people=people,
        places=[p for p in facts.places if p["category"] not in PRIVATE_CATEGORIES],
        intel=[r for r in facts.intel if r["handling_code"] in HANDLING_CODES],
    )


def as_date(value) -> date | None:
    """A date from the driver's date or datetime, an ISO text, or None.

    >>> as_date("2026-03-01"), as_date("2026-03-01T10:00:00+00:00"), as_date(None)
    (datetime.date(2026, 3, 1), datetime.date(2026, 3, 1), None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    if hasattr(value, "to_native"):
        value = value.to_native()
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _dated(row: dict, *names: str) -> dict:
    return {**row, **{n: as_date(row.get(n)) for n in names}}


def _timed(row: dict) -> dict:
    """An episode's row: its dates as ``date``, ``reported_at`` as a ``datetime`` (repeat missing
    is counted on it, as :mod:`graph_service.analysis.missing` counts it everywhere)."""
    reported_at = row.get("reported_at")
    return {**_dated(row, "reported_on", "found_on", "return_interview_on"),
            "reported_at": reported_at.to_native() if hasattr(reported_at, "to_native") else reported_at}


def _person(row: dict) -> dict:
    return {
        **row,
        "dob": as_date(row["dob"]),
        "care": [{**c, "start_on": as_date(c["start_on"]), "end_on": as_date(c["end_on"])} for c in row["care"]],
        "tied_dobs": [as_date(d) for d in row["tied_dobs"]],
        "travelled": [{**t, "day": as_date(t["day"])} for t in row["travelled"] if t["day"] is not None],
    }
