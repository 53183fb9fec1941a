"""Casework in the synthetic scenario: where each missing episode was from (part-day school
absences among them), CSE concern assessments on children, breaches of active notices and near
misses planted on purpose, and the answer key of the alerts the records must raise, worked out
from what the generator wrote and not by the service's alert rules (so a test comparing the
rules' alerts to it can fail).

Everything here draws on random generators of its own (seeded from the scenario's seed and an
episode's or child's ID), never on the scene's: adding casework leaves every other record of a
seed exactly as it was. Concerns are recorded on planted children *and* on background children
at a like rate and spread of levels, so a level does not give a planted child away.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from datetime import datetime

from graph_service.vocabulary import (
    CSE_RISK_FACTORS,
    PLACES_OF_CONCERN,
    REPEAT_MISSING_DAYS,
    REPEAT_MISSING_EPISODES,
)

#: Where children go missing from, and how often (most live at home; DOMAIN.md).
MISSING_FROM_WEIGHTS = (("home", 60), ("care", 20), ("school", 14), ("other", 6))
#: Episodes of at most this many hours from school are written as part-day absences.
PART_DAY_HOURS = 8
#: Professionals who assess (invented names and roles).
ASSESSORS = ("DS Kaur (CSE team)", "PC Ross (missing persons)", "J. Okafor (social worker)",
             "M. Byrne (school safeguarding lead)", "A. Shah (health)")


def _rng(*parts) -> random.Random:
    return random.Random("graph-service casework " + " ".join(map(str, parts)))


def episode_detail(record: dict, missing_hours: int) -> None:
    """Add ``missing_from`` (and ``duration_hours`` for a short absence from school) to an
    episode record, drawn from the episode's own ID."""
    rng = _rng(record["episode_id"])
    (where,) = rng.choices([w for w, _ in MISSING_FROM_WEIGHTS], [n for _, n in MISSING_FROM_WEIGHTS])
    if missing_hours <= PART_DAY_HOURS and rng.random() < 0.5:
        where = "school"  # a short episode is often part of a school day
    record["missing_from"] = where
    if where == "school" and missing_hours <= PART_DAY_HOURS:
        record["duration_hours"] = float(max(1, missing_hours))


class Collector:
    """An output observer keeping what the casework step and the answer key need: the notices
    as written, and every contact between two people the scene wrote (found with after a
    missing episode, seen together, travelling in a vehicle someone uses) with its day."""

    def __init__(self):
        self.notices: list[dict] = []
        self.episodes: dict[str, list[dict]] = defaultdict(list)
        self.contacts: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.in_contact_with: dict[str, set[str]] = defaultdict(set)  # whom each person met, for lookups
        self.uses: dict[str, set[str]] = defaultdict(set)
        self.travelled: dict[str, list[dict]] = defaultdict(list)  # travelled_in links by who travelled
        self.reported_on: dict[str, str] = {}
        self.born: dict[str, str] = {}
        self.places_of_concern: list[str] = []

    def _contact(self, a: str, c: str, contact: dict) -> None:
        self.contacts[(a, c)].append(contact)
        self.in_contact_with[a].add(c)

    def observe(self, record: dict) -> None:
        kind = record["type"]
        if kind == "notice":
            self.notices.append(record)
        elif kind == "person" and record.get("dob"):
            self.born[record["person_id"]] = record["dob"]
        elif kind == "intel":
            self.reported_on[record["intel_id"]] = record["reported_on"]
        elif kind == "missing_episode":
            self.episodes[record["person_id"]].append({"id": record["episode_id"], "at": record["reported_at"]})
            for adult in record.get("found_with") or ():
                self._contact(adult, record["person_id"],
                              {"kind": "missing_episode", "id": record["episode_id"],
                               "at": record.get("found_at") or record["reported_at"]})
        elif kind == "sighting":
            people = record.get("person_ids") or []
            for a in people:
                for c in people:
                    if a != c:
                        self._contact(a, c, {"kind": "sighting", "id": record["sighting_id"],
                                             "at": record["observed_at"]})
        elif kind == "link" and record["relation"] == "uses_vehicle":
            self.uses["".join(record["object_id"].split()).upper()].add(record["subject_id"])
        elif kind == "link" and record["relation"] == "travelled_in":
            self.travelled[record["subject_id"]].append(record)
        elif kind == "location" and record["category"] in PLACES_OF_CONCERN:
            self.places_of_concern.append(record["location_id"])

    def contacts_of(self, adult: str, child: str) -> list[dict]:
        """Every contact between the adult and the child the scene wrote, with its day: the
        child found with the adult, both seen together, the child travelling in a vehicle the
        adult uses (dated by the link, else by its report)."""
        found = list(self.contacts[(adult, child)])
        for link in self.travelled.get(child, ()):
            vrm = "".join(link["object_id"].split()).upper()
            if adult in self.uses[vrm]:
                at = link.get("observed_at") or self.reported_on.get(link.get("intel_id"))
                found.append({"kind": "link", "id": link["link_id"], "at": at})
        return found


class Planted:
    """What the casework step planted on purpose: breaches of notices (the generator's own
    decision: this adult, this child, this day after the notice, this sighting) and near misses
    that must raise nothing (the day before and the day of the notice, the adult alone, the
    adult with another child, contact after a notice written as withdrawn or expired)."""

    def __init__(self):
        self.breaches: list[dict] = []
        self.near_misses: list[dict] = []


def plant_breaches(scene, seed: int, collector: Collector, planted_pairs=(), lookback_days: int = 365) -> Planted:
    """For each active notice the generator decides on a breach: the adult seen with the child
    by an officer at a place of concern on a day after the notice. Beside it, near misses:
    the pair seen the day before the notice and on its day, the adult seen alone after it, the
    adult seen after it with another child they already know; and, for each notice written as
    withdrawn or expired, the pair seen after it. Returns what was planted, for the key.

    Near misses change no candidate answer the scene planned: the pair is seen after an ended
    notice only outside the candidate look-back (``lookback_days``), another child is one the
    adult already knows and never a pair of ``planted_pairs``, and a pair with two notices gets
    none (a contact that misses one notice could breach the other)."""
    rng = _rng(seed, "breaches")
    planted = Planted()
    places = sorted(collector.places_of_concern)
    notices_of: dict[tuple[str, str], int] = defaultdict(int)
    for notice in collector.notices:
        notices_of[(notice["adult_id"], notice["child_id"])] += 1
    noticed_children = defaultdict(set)
    for notice in collector.notices:
        noticed_children[notice["adult_id"]].add(notice["child_id"])
    avoid = {(p["adult_id"], p["child_id"]) for p in planted_pairs}

    def seen(days_ago: int, people: list[str]) -> str:
        sighting_id = scene.ids["sighting"].next()
        scene.out.add({"type": "sighting", "sighting_id": sighting_id,
                       "observed_at": scene.cal.datetime_text(days_ago, rng.randrange(18, 23), rng.randrange(60), "Z"),
                       "location_id": rng.choice(places), "source": "officer", "person_ids": people})
        return sighting_id

    def near_miss(notice: dict, days_ago: int, people: list[str], why: str) -> None:
        if days_ago >= 0:
            planted.near_misses.append({"notice_id": notice["notice_id"], "kind": "sighting",
                                        "record_id": seen(days_ago, people), "why": why})

    for notice in sorted(collector.notices, key=lambda n: n["notice_id"]):
        adult, child = notice["adult_id"], notice["child_id"]
        issued_days_ago = (scene.cal.as_of - _date(notice["issued_on"])).days
        alone = notices_of[(adult, child)] == 1
        if notice["status"] != "active":
            if alone and issued_days_ago > lookback_days + 2:
                near_miss(notice, rng.randrange(lookback_days + 1, issued_days_ago), [adult, child],
                          f"seen together after a notice written as {notice['status']} with no day it ended")
            continue
        if issued_days_ago < 2:
            continue
        day = rng.randrange(1, issued_days_ago)
        planted.breaches.append({"notice_id": notice["notice_id"], "kind": "sighting",
                                 "record_id": seen(day, [adult, child]),
                                 "day": scene.cal.date_text(day), "planted": True})
        if alone:
            near_miss(notice, issued_days_ago + 1, [adult, child], "seen together the day before the notice")
            near_miss(notice, issued_days_ago, [adult, child], "seen together on the day of the notice")
        near_miss(notice, rng.randrange(0, issued_days_ago), [adult], "the adult seen alone after the notice")
        known = sorted(c for c in collector.in_contact_with[adult]
                       if _under_18(collector.born.get(c), scene.cal.as_of)
                       and c not in noticed_children[adult] and (adult, c) not in avoid)
        if known:
            near_miss(notice, rng.randrange(0, issued_days_ago), [adult, rng.choice(known)],
                      "the adult seen after the notice with a different child")
    return planted


def concerns(scene, seed: int, planted_children, background_teenagers) -> None:
    """CSE concern assessments: most planted children, and as many background teenagers at a
    like spread of levels (a level is an assessment, not an answer)."""
    rng = _rng(seed, "concerns")
    planted = sorted(planted_children, key=lambda p: p.id)
    chosen = [c for c in planted if rng.random() < 0.8]
    background = sorted(background_teenagers, key=lambda p: p.id)
    chosen += rng.sample(background, min(len(background), len(chosen)))
    for child in sorted(chosen, key=lambda p: p.id):
        child_rng = _rng(seed, "concern", child.id)
        days_ago = child_rng.randrange(200, 700)
        level = child_rng.choice((1, 1, 2))
        for n in range(child_rng.randrange(1, 4)):
            concern_id = "CSE-" + hashlib.sha256(f"{seed} {child.id} {n}".encode()).hexdigest()[:8].upper()
            review_days_ago = days_ago - child_rng.randrange(60, 120)
            scene.out.add({
                "type": "cse_concern", "concern_id": concern_id, "person_id": child.id, "level": str(level),
                "assessed_on": scene.cal.date_text(days_ago), "assessed_by": child_rng.choice(ASSESSORS),
                "risk_factors": sorted(child_rng.sample(CSE_RISK_FACTORS, child_rng.randrange(1, 4)),
                                       key=CSE_RISK_FACTORS.index),
                "review_on": scene.cal.date_text(review_days_ago) if review_days_ago >= 0
                else scene.cal.day(review_days_ago).isoformat()})
            days_ago = max(1, days_ago - child_rng.randrange(60, 200))
            level = min(3, max(1, level + child_rng.choice((-1, 0, 1, 1))))


def answer_key(collector: Collector, planted: Planted) -> dict:
    """The alerts the records must raise, decided by the generator and not by the service's
    rules: ``breaches`` are the breaches it planted, and the contacts the scene wrote of its
    own for a pair with a notice written as active on a day after the notice's day (the
    generator writes no notice as breached and no day a notice ended); ``near_misses`` must
    raise nothing; ``repeat_missing`` is worked out here from the episodes written, by the
    definition of docs/casework.md and not by the service's code (:func:`_repeat_missing`)."""
    planted_ids = {(b["notice_id"], b["kind"], b["record_id"]) for b in planted.breaches}
    breaches = list(planted.breaches)
    for notice in collector.notices:
        if notice["status"] != "active":
            continue
        issued = _date(notice["issued_on"])
        for contact in collector.contacts_of(notice["adult_id"], notice["child_id"]):
            key = (notice["notice_id"], contact["kind"], contact["id"])
            if contact["at"] and _date(contact["at"][:10]) > issued and key not in planted_ids:
                planted_ids.add(key)
                breaches.append({"notice_id": key[0], "kind": key[1], "record_id": key[2],
                                 "day": contact["at"][:10], "planted": False})
    return {"breaches": sorted(breaches, key=lambda b: (b["notice_id"], b["kind"], b["record_id"])),
            "near_misses": sorted(planted.near_misses, key=lambda b: (b["notice_id"], b["record_id"])),
            "repeat_missing": _repeat_missing(collector.episodes)}


def _repeat_missing(episodes_of: dict[str, list[dict]]) -> list[dict]:
    """The episodes that must raise a repeat missing alert: an episode reported within
    REPEAT_MISSING_DAYS days after at least two others of the same child (its third or more in
    that window), unless the child's episode just before it already was one (one alert a run).
    Counted in whole seconds between report times, written out here rather than borrowed from
    the service, so that the alerts test compares two readings of the definition."""
    window = REPEAT_MISSING_DAYS * 86_400
    key = []
    for person_id, episodes in sorted(episodes_of.items()):
        ordered = sorted(episodes, key=lambda e: (datetime.fromisoformat(e["at"]), e["id"]))
        reported = [datetime.fromisoformat(e["at"]).timestamp() for e in ordered]
        previous_was_one = False
        for i, episode in enumerate(ordered):
            within = sum(1 for earlier in reported[:i + 1] if reported[i] - earlier <= window)
            is_one = within >= REPEAT_MISSING_EPISODES
            if is_one and not previous_was_one:
                key.append({"person_id": person_id, "episode_id": episode["id"]})
            previous_was_one = is_one
    return sorted(key, key=lambda r: (r["person_id"], r["episode_id"]))


def _under_18(dob: str | None, on) -> bool:
    if not dob:
        return False
    born = _date(dob)
    return (on.year - born.year - ((on.month, on.day) < (born.month, born.day))) < 18


def _date(text: str):
    from datetime import date
    return date.fromisoformat(text)
