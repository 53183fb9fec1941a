"""Casework in the synthetic scenario: where each missing episode was from (part-day school
absences among them), CSE concern assessments on children, planted breaches of active notices,
and the answer key of the alerts the records raise.

Everything here draws on random generators of its own (seeded from the scenario's seed and an
episode's or child's ID), never on the scene's: adding casework leaves every other record of a
seed exactly as it was. Concerns are recorded on planted children *and* on background children
at a like rate and spread of levels, so a level does not give a planted child away.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict

from graph_service.analysis.alerts import rules
from graph_service.vocabulary import CSE_RISK_FACTORS, PLACES_OF_CONCERN, REPEAT_MISSING_EPISODES

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
    """An output observer keeping what the casework step and the answer key need."""

    def __init__(self):
        self.notices: list[dict] = []
        self.episodes: dict[str, list[dict]] = defaultdict(list)
        self.contacts: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.uses: dict[str, set[str]] = defaultdict(set)
        self.travelled: list[dict] = []
        self.places_of_concern: list[str] = []

    def observe(self, record: dict) -> None:
        kind = record["type"]
        if kind == "notice":
            self.notices.append(record)
        elif kind == "missing_episode":
            self.episodes[record["person_id"]].append({"id": record["episode_id"], "at": record["reported_at"]})
            for adult in record.get("found_with") or ():
                self.contacts[(adult, record["person_id"])].append(
                    {"kind": "missing_episode", "id": record["episode_id"],
                     "at": record.get("found_at") or record["reported_at"], "grade": rules.RECORDED,
                     "text": "was found with"})
        elif kind == "sighting":
            people = record.get("person_ids") or []
            for a in people:
                for c in people:
                    if a != c:
                        self.contacts[(a, c)].append({"kind": "sighting", "id": record["sighting_id"],
                                                      "at": record["observed_at"], "grade": rules.RECORDED,
                                                      "text": "was seen with"})
        elif kind == "link" and record["relation"] == "uses_vehicle":
            self.uses["".join(record["object_id"].split()).upper()].add(record["subject_id"])
        elif kind == "link" and record["relation"] == "travelled_in":
            self.travelled.append(record)
        elif kind == "location" and record["category"] in PLACES_OF_CONCERN:
            self.places_of_concern.append(record["location_id"])


def plant_breaches(scene, seed: int, collector: Collector) -> None:
    """For each active notice, the adult seen with the child again after it (an officer's
    sighting at a place of concern): the breaches a disruption lead must hear of."""
    rng = _rng(seed, "breaches")
    for notice in sorted(collector.notices, key=lambda n: n["notice_id"]):
        if notice["status"] != "active":
            continue
        issued_days_ago = (scene.cal.as_of - _date(notice["issued_on"])).days
        if issued_days_ago < 2:
            continue
        days_ago = rng.randrange(1, issued_days_ago)
        scene.out.add({"type": "sighting", "sighting_id": scene.ids["sighting"].next(),
                       "observed_at": scene.cal.datetime_text(days_ago, rng.randrange(18, 23), rng.randrange(60), "Z"),
                       "location_id": rng.choice(sorted(collector.places_of_concern)), "source": "officer",
                       "person_ids": [notice["adult_id"], notice["child_id"]]})


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


def answer_key(collector: Collector) -> dict:
    """The breach and repeat-missing alerts the records raise, by the service's own rules."""
    notices = []
    for notice in collector.notices:
        adult, child = notice["adult_id"], notice["child_id"]
        contacts = list(collector.contacts[(adult, child)])
        for link in collector.travelled:
            vrm = "".join(link["object_id"].split()).upper()
            if link["subject_id"] == child and adult in collector.uses[vrm] and link.get("observed_at"):
                contacts.append({"kind": "link", "id": link["link_id"], "at": link["observed_at"], "grade": None,
                                 "text": "travelling in a vehicle the adult uses"})
        notices.append({**notice, "contacts": contacts})
    breaches = sorted({(a.evidence[0]["id"], a.evidence[1]["kind"], a.evidence[1]["id"])
                       for a in rules.breaches(notices)})
    repeat = rules.repeat_missing([{"person_id": p, "episodes": e} for p, e in collector.episodes.items()
                                   if len(e) >= REPEAT_MISSING_EPISODES])
    return {"breaches": [{"notice_id": n, "kind": k, "record_id": r} for n, k, r in breaches],
            "repeat_missing": sorted(({"person_id": a.people[0], "episode_id": a.evidence[-1]["id"]} for a in repeat),
                                     key=lambda r: (r["person_id"], r["episode_id"]))}


def _date(text: str):
    from datetime import date
    return date.fromisoformat(text)
