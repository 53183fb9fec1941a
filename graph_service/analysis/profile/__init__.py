"""The problem profile of an area for a period, as a MACSE meeting reads it: victims, offenders,
locations, themes and the local indicators by month, each against the previous period of the
same length and "since the last MACSE meeting".

For example (it needs a database; ``tests/test_profile.py`` makes the same calls)::

    profile = build_profile(db, "local_authority:swinbrook-borough-council",
                            date(2026, 8, 1), date(2026, 10, 31), since=date(2026, 10, 2))
    profile["victims"]["total"], profile["previous"]["victims"]["total"]
    # (41, 37)

The facts come from ``cypher/profile/`` (:mod:`.facts`); the counting is pure
(:mod:`.figures`, :mod:`.indicators`); the hot spots of concern are the hot spot analysis's
within the area (:mod:`.hot_spots`). A partner's profile is counted from the facts a partner
may see and then passed through ``graph_service.disclosure.profile`` (small numbers withheld).
See docs/areas.md.
"""

from __future__ import annotations

from datetime import date, timedelta

from graph_service.analysis.profile import facts as profile_facts
from graph_service.analysis.profile.figures import sections
from graph_service.analysis.profile.hot_spots import hot_spot_figures
from graph_service.analysis.profile.indicators import MONTHLY, SMALL_MULTIPLES, by_month, now
from graph_service.vocabulary import AREA_LEVELS

__all__ = ["AreaNotFound", "ProfileError", "build_profile", "default_area", "find_area", "previous_window", "MONTHLY"]

#: The longest period a profile covers, in days (a year and a bit: monthly tables stay readable).
MAX_DAYS = 400


class ProfileError(ValueError):
    """A profile that cannot be made as asked (dates, area); the message says which and why."""


class AreaNotFound(ProfileError):
    """No loaded area has that ID or name."""


def find_area(db, area: str) -> dict:
    """The area with ID or name ``area``; :class:`AreaNotFound` (naming the loaded areas' command)
    when none, :class:`ProfileError` when a name is used at two levels."""
    found = db.read("areas/find", area=area)
    if not found:
        raise AreaNotFound(f"area: no loaded area has the ID or name {area[:80]!r}: `graph-service areas list` names them")
    if len(found) > 1:
        raise ProfileError(f"area: {area[:80]!r} names {len(found)} areas ({', '.join(a['area_id'] for a in found)}): "
                           "give its ID")
    return {k: found[0][k] for k in ("area_id", "name", "level")}


def default_area(db) -> str:
    """The ID of the force area, the profile asked for without an area; :class:`ProfileError`
    when no force or more than one is loaded (then the area must be named)."""
    forces = db.read("profile/forces")
    if len(forces) != 1:
        which = f"{len(forces)} are loaded ({', '.join(f['area_id'] for f in forces)})" if forces else "none is loaded"
        raise ProfileError(f"area: without an area the profile is the force's, and {which}: name the area "
                           "(`graph-service areas list`)")
    return forces[0]["area_id"]


def previous_window(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before ``start``.

    >>> previous_window(date(2026, 10, 1), date(2026, 10, 31))
    (datetime.date(2026, 8, 31), datetime.date(2026, 9, 30))
    """
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def check_window(start: date, end: date, since: date | None) -> None:
    if end < start:
        raise ProfileError(f"to: {end} is before from {start}")
    if (end - start).days + 1 > MAX_DAYS:
        raise ProfileError(f"from/to: a profile covers at most {MAX_DAYS} days ({(end - start).days + 1} asked)")
    if since is not None and since > end:
        raise ProfileError(f"since: the last meeting ({since}) is after the period's end ({end})")


def by_area(db, area: dict, start: date, end: date, partner: bool) -> dict | None:
    """The key indicators by month of each area one level down (a force's councils, a council's
    wards), for the profile's small multiples; None for a ward."""
    level = AREA_LEVELS.index(area["level"]) + 1
    if level >= len(AREA_LEVELS):
        return None
    areas = []
    subs = db.read("profile/sub_areas", area_id=area["area_id"], level=AREA_LEVELS[level])
    trends = profile_facts.fetch_trends(db, [sub["area_id"] for sub in subs], start, end)
    for sub in subs:
        facts = trends[sub["area_id"]]
        if partner:
            facts = profile_facts.shareable(facts)
        months = [{"month": m["month"], **{k: m[k] for k in SMALL_MULTIPLES}} for m in by_month(facts, start, end)]
        areas.append({"area_id": sub["area_id"], "name": sub["name"], "by_month": months})
    return {"level": AREA_LEVELS[level], "figures": list(SMALL_MULTIPLES), "areas": areas}


def build_profile(db, area: str, start: date, end: date, since: date | None = None, partner: bool = False,
                  today: date | None = None) -> dict:
    """The profile of ``area`` (ID or name) from ``start`` to ``end``; ``since``: the date of the
    last MACSE meeting; ``partner``: the version a partner may receive."""
    found = find_area(db, area)  # first: an unknown area is that, whatever the dates
    check_window(start, end, since)
    previous = previous_window(start, end)
    if partner:  # whole calendar months only, against differencing (graph_service.disclosure decides)
        from graph_service import disclosure

        try:
            start, end, since, previous = disclosure.profile_window(start, end, since)
        except disclosure.PeriodRefused as refused:
            raise ProfileError(str(refused)) from refused
    earliest = min(previous[0], since or previous[0])
    facts = profile_facts.fetch(db, found["area_id"], earliest, end)
    if partner:
        facts = profile_facts.shareable(facts)
    profile = {
        "area": found, "from": start, "to": end, "since": since,
        "previous_from": previous[0], "previous_to": previous[1], "partner": partner,
        **sections(facts, start, end),
        "previous": sections(facts, *previous),
        "since_meeting": sections(facts, since, end) if since is not None else None,
        "indicators": {"by_month": by_month(facts, start, end), "now": now(facts, today or date.today())},
        "by_area": by_area(db, found, start, end, partner),
    }
    hot_spots = hot_spot_figures(db, found["area_id"], (start, end), previous, since, partner)
    for name, window in (("period", profile), ("previous", profile["previous"]),
                         ("since_meeting", profile["since_meeting"])):
        if window is not None:
            window["locations"].update(hot_spots[name])
    if partner:
        from graph_service import disclosure

        return disclosure.profile(profile)
    # one shape for both versions: nothing is withheld from the police version
    for window in (profile, profile["previous"], profile["since_meeting"]):
        if window is not None:
            window["withheld"] = {}
    for row in profile["indicators"]["by_month"] + [m for a in (profile["by_area"] or {}).get("areas", ())
                                                    for m in a["by_month"]]:
        row["withheld"] = {}
    return profile
