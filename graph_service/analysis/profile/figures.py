"""The problem profile's figures for one window: victims, offenders, locations and themes.

Pure functions over :class:`~graph_service.analysis.profile.facts.Facts`: the same facts give
the period, the previous period and the days since the last MACSE meeting. Who counts:

- a **child at risk** of the area is a person under 18 on the window's last day with evidence at
  one of its places in the window (found there after a missing episode, named in a sighting
  there, tied to a place there by intelligence), or missing from the area (an episode of a child
  living there) in the window;
- a **suspected perpetrator** is an adult (18 or over) with such evidence who is tied to a child
  (associates with one, was found with one after a missing episode, was seen with one).

Ethnicity is counted here, in aggregate, and nowhere else: no score or ranking reads it.

>>> from datetime import date
>>> from graph_service.analysis.profile.facts import Facts
>>> facts = Facts(presence=[{"person_id": "C1", "location_id": "L1", "category": "hotel",
...                          "day": date(2026, 3, 2), "kind": "missing", "vehicle": False}],
...               people={"C1": {"dob": date(2012, 5, 1), "gender": "female", "ethnicity": None,
...                              "care": [], "tied_dobs": [], "vehicles": [], "travelled": [],
...                              "network_id": None, "key_player": False}},
...               places=[{"location_id": "L1", "category": "hotel"}])
>>> victims(facts, date(2026, 3, 1), date(2026, 3, 31))["by_age_band"]
{'under 10': 0, '10 to 12': 0, '13 to 15': 1, '16 and 17': 0, 'not recorded': 0}
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from graph_service.analysis import missing
from graph_service.analysis.profile.facts import Facts
from graph_service.vocabulary import (
    ADULT_AGE_BANDS,
    CHILD_AGE_BANDS,
    CSE_CONCERN_LEVELS,
    HOTELS_AND_TAKEAWAYS,
    LOOKED_AFTER_STATUSES,
    NOT_RECORDED,
    PLACES_OF_CONCERN,
)

ADULT_AGE = 18
#: A child at risk with no CSE concern assessment made in the window.
NO_ASSESSMENT = "no assessment in the period"


def age_on(dob: date | None, day: date) -> int | None:
    """Whole years from ``dob`` to ``day``.

    >>> age_on(date(2010, 6, 1), date(2026, 5, 31)), age_on(date(2010, 6, 1), date(2026, 6, 1)), age_on(None, date.today())
    (15, 16, None)
    """
    if dob is None:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def band(age: int | None, bands) -> str:
    """The label of the band ``age`` falls in (:data:`NOT_RECORDED` without a date of birth)."""
    for label, low, high in bands:
        if age is not None and low <= age <= high:
            return label
    return NOT_RECORDED


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def present(facts: Facts, start: date, end: date) -> set[str]:
    """People with evidence at the area's places in the window."""
    return {r["person_id"] for r in facts.presence if _in(r["day"], start, end)}


def children_at_risk(facts: Facts, start: date, end: date) -> set[str]:
    """Children (under 18 on ``end``) seen at the area's places or missing from it in the window."""
    missing = {e["person_id"] for e in facts.episodes if _in(e["reported_on"], start, end)}
    return {pid for pid in present(facts, start, end) | missing
            if (age := age_on(facts.people.get(pid, {}).get("dob"), end)) is not None and age < ADULT_AGE}


def suspected_perpetrators(facts: Facts, start: date, end: date) -> set[str]:
    """Adults seen at the area's places in the window who are tied to a child."""
    found = set()
    for pid in present(facts, start, end):
        person = facts.people.get(pid, {})
        age = age_on(person.get("dob"), end)
        if age is not None and age >= ADULT_AGE and any(
                (a := age_on(d, end)) is not None and a < ADULT_AGE for d in person.get("tied_dobs", ())):
            found.add(pid)
    return found


def looked_after(person: dict, start: date, end: date) -> bool:
    """Whether a care status that makes a child looked after was in force on any day of the window."""
    return any(c["status"] in LOOKED_AFTER_STATUSES and c["start_on"] is not None and c["start_on"] <= end
               and (c["end_on"] is None or c["end_on"] >= start) for c in person.get("care", ()))


def repeat_missing(facts: Facts, start: date, end: date) -> set[str]:
    """Children with an episode reported in the window that is their third or later within 90
    days, as :func:`graph_service.analysis.missing.repeat_missing` (the one reading of the
    threshold, which the alerts and the person page share) finds them."""
    reported: dict[str, list] = {}
    for e in facts.episodes:
        reported.setdefault(e["person_id"], []).append(e.get("reported_at") or e["reported_on"])
    return {pid for pid, times in reported.items()
            if any(_in(_day(when), start, end) for when, _ in missing.repeat_missing(times))}


def _day(when) -> date:
    return when.date() if isinstance(when, datetime) else when


def concern_level(facts: Facts, person_id: str, start: date, end: date) -> str:
    """The level of the child's newest CSE concern assessment made in the window (``level 1`` to
    ``level 3``), or :data:`NO_ASSESSMENT`."""
    made = [c for c in facts.concerns if c["person_id"] == person_id and _in(c["assessed_on"], start, end)]
    if not made:
        return NO_ASSESSMENT
    return f"level {max(made, key=lambda c: (c['assessed_on'], c['concern_id']))['level']}"


def _counts(values, order=()) -> dict[str, int]:
    counted = Counter(values)
    return {**{k: counted.get(k, 0) for k in order}, **{k: n for k, n in sorted(counted.items()) if k not in order}}


def victims(facts: Facts, start: date, end: date) -> dict:
    """Children at risk: how many, by age band, gender, care, ethnicity and CSE concern level (the
    newest assessment made in the window); repeat missing; the
    area's missing episodes in the window, from home or from care."""
    ids = children_at_risk(facts, start, end)
    people = [facts.people[pid] for pid in sorted(ids)]
    episodes = [e for e in facts.episodes if _in(e["reported_on"], start, end) and e["person_id"] in facts.people]
    from_care = sum(looked_after(facts.people[e["person_id"]], e["reported_on"], e["reported_on"]) for e in episodes)
    return {
        "total": len(ids),
        "by_age_band": _counts((band(age_on(p["dob"], end), CHILD_AGE_BANDS) for p in people),
                               [b[0] for b in CHILD_AGE_BANDS] + [NOT_RECORDED]),
        "by_gender": _counts(p.get("gender") or NOT_RECORDED for p in people),
        "looked_after": _counts(("looked after" if looked_after(p, start, end) else "not looked after" for p in people),
                                ["looked after", "not looked after"]),
        "by_ethnicity": _counts(p.get("ethnicity") or NOT_RECORDED for p in people),
        "by_concern_level": _counts((concern_level(facts, pid, start, end) for pid in sorted(ids)),
                                    [f"level {level}" for level in CSE_CONCERN_LEVELS] + [NO_ASSESSMENT]),
        "repeat_missing": len(repeat_missing(facts, start, end) & ids),
        "missing_from": {"home": len(episodes) - from_care, "care": from_care},
    }


def offenders(facts: Facts, start: date, end: date) -> dict:
    """Suspected perpetrators: how many, by age band and gender, in networks or alone, and the
    vehicles they use."""
    people = [facts.people[pid] for pid in sorted(suspected_perpetrators(facts, start, end))]
    in_networks = sum(p.get("network_id") is not None for p in people)
    return {
        "total": len(people),
        "by_age_band": _counts((band(age_on(p["dob"], end), ADULT_AGE_BANDS) for p in people),
                               [b[0] for b in ADULT_AGE_BANDS] + [NOT_RECORDED]),
        "by_gender": _counts(p.get("gender") or NOT_RECORDED for p in people),
        "in_networks": in_networks,
        "alone": len(people) - in_networks,
        "vehicles": len({vrm for p in people for vrm in p.get("vehicles", ())}),
    }


def locations(facts: Facts, start: date, end: date) -> dict:
    """The area's places, and its places of concern (hotels, takeaways, parks... with evidence
    in the window) by category."""
    category = {p["location_id"]: p["category"] for p in facts.places}
    of_concern = {r["location_id"] for r in facts.presence
                  if _in(r["day"], start, end) and category.get(r["location_id"]) in PLACES_OF_CONCERN}
    return {
        "places": len(category),
        "places_of_concern": len(of_concern),
        "by_category": _counts((category[lid] for lid in of_concern), sorted(PLACES_OF_CONCERN)),
    }


def themes(facts: Facts, start: date, end: date) -> dict:
    """How many children at risk each theme concerns (``vocabulary.PROFILE_THEMES``)."""
    ids = children_at_risk(facts, start, end)
    rows = [r for r in facts.presence if _in(r["day"], start, end) and r["person_id"] in ids]
    in_vehicles = {r["person_id"] for r in rows if r["vehicle"]} | {
        pid for pid in ids if any(_in(t["day"], start, end) for t in facts.people[pid].get("travelled", ()))}
    return {
        "hotels_and_takeaways": len({r["person_id"] for r in rows if r["category"] in HOTELS_AND_TAKEAWAYS}),
        "vehicles": len(in_vehicles),
        "peer_recruitment": sum(bool(facts.people[pid].get("key_player")) for pid in ids),
        "cross_border": len({r["person_id"] for r in facts.elsewhere if _in(r["day"], start, end)} & ids),
    }


def sections(facts: Facts, start: date, end: date) -> dict:
    """Victims, offenders, locations and themes for one window."""
    return {"victims": victims(facts, start, end), "offenders": offenders(facts, start, end),
            "locations": locations(facts, start, end), "themes": themes(facts, start, end)}
