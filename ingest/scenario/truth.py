"""The scenario's answer key for abduction-notice candidates (issue 7 rules).

:class:`Facts` watches every record the generator writes, exactly as written (strings, VRMs in
whatever spacing), and :func:`assess` applies the candidate rules to them. It knows nothing of
the stories that planted the records, so the answer key is right by construction: whatever the
stories wrote, this is what the rules say about it.

The rules, for an as-of date D and a look-back of N days (window ``[D - N days, D]`` inclusive):

- Evidence of association between two people: the child found with the person at the end of a
  missing episode (dated ``found_at``); both named in one sighting (``observed_at``); an
  ``associates_with`` link; a ``travelled_in`` link by one to a vehicle the other
  ``uses_vehicle`` (the ``travelled_in`` link is the item; the ``uses_vehicle`` link must exist
  by D too). A link is dated by its ``observed_at``, else its report's ``reported_on``. Items
  after D do not exist. An item resting on a report graded E exists but never qualifies, so a
  pair with only such evidence is excluded with ``no_recent_evidence``. A ``contact`` between a
  phone or account one uses (``uses_phone`` / ``uses_account``) and one the other uses, dated
  by ``contacted_on``; it counts only when neither it nor either use rests on a report graded E.
- The child is the younger of the two when under 18 on D (two children born the same day: the
  one with the greater ID); the other is the would-be adult. Pairs where neither is known to be
  under 18 are not listed.
- Candidate when: the adult is 18 or over; the child is under 16 and the adult not connected
  (``s2_caa_1984``) and/or under 18 and under a care order, interim care order, emergency
  protection order or police protection on D (``s49_ca_1989``); evidence inside the window;
  no ``active`` notice for the same adult and child.
- Otherwise excluded with every reason that applies: ``adult_age_unknown``, ``adult_under_18``,
  ``connected_person``, ``child_not_eligible``, ``no_recent_evidence``, ``active_notice``.

>>> facts = Facts()
>>> for record in [
...     {"type": "person", "person_id": "A", "dob": "1990-05-01"},
...     {"type": "person", "person_id": "C", "dob": "2012-05-01"},
...     {"type": "sighting", "sighting_id": "S1", "observed_at": "2026-10-01T20:00:00+01:00",
...      "person_ids": ["A", "C"]},
... ]:
...     facts.observe(record)
>>> assess(facts, date(2026, 10, 31)).candidates
[{'adult_id': 'A', 'child_id': 'C', 'legal_bases': ['s2_caa_1984'], 'evidence_ids': ['S1']}]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

# The answer key applies the same law, so it reads the same legal lists: who is connected with a
# child, which care statuses bring a child within s49, and how a notice names its basis.
from graph_service.vocabulary import CONNECTED_RELATIONS, S2, S49, S49_STATUSES
from ingest.fields import normalise_reference

REASONS = ("adult_age_unknown", "adult_under_18", "connected_person", "child_not_eligible",
           "no_recent_evidence", "active_notice")


def _day(text: str | None) -> date | None:
    """The calendar day of a date or date-time as written (its local date)."""
    return date.fromisoformat(text[:10]) if text else None


def _vrm(text: str) -> str:
    return "".join(text.split()).upper()


def _age(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


@dataclass
class Facts:
    """What the candidate rules need from the records, collected as they are written."""

    dob: dict[str, date | None] = field(default_factory=dict)
    intel: dict[str, tuple[date, str]] = field(default_factory=dict)
    #: (item ID, relation, subject ID, object ID, observed day or None, intel ID or None)
    links: list[tuple] = field(default_factory=list)
    #: (item ID, day, person IDs): found-with episodes and sightings naming two or more people
    together: list[tuple] = field(default_factory=list)
    orders: dict[str, list[tuple[date, date | None]]] = field(default_factory=lambda: defaultdict(list))
    connected: set[tuple[str, str]] = field(default_factory=set)
    active_notices: set[tuple[str, str]] = field(default_factory=set)
    #: (contact ID, day, from end, to end, intel ID); ends as stored (E.164, platform:handle)
    contacts: list[tuple] = field(default_factory=list)

    def observe(self, record: dict) -> None:
        kind = record["type"]
        if kind == "person":
            self.dob[record["person_id"]] = _day(record.get("dob"))
        elif kind == "intel":
            self.intel[record["intel_id"]] = (_day(record["reported_on"]), record["intelligence_assessment"])
        elif kind == "link":
            relation = record["relation"]
            if relation in ("associates_with", "travelled_in", "uses_vehicle", "uses_phone", "uses_account"):
                obj = record["object_id"]
                if record["object_type"] == "vehicle":
                    obj = _vrm(obj)
                elif record["object_type"] in ("phone", "online_account"):
                    obj = normalise_reference(record["object_type"], obj)
                self.links.append((record["link_id"], relation, record["subject_id"], obj,
                                   _day(record.get("observed_at")), record.get("intel_id")))
        elif kind == "missing_episode":
            if record.get("found_with") and record.get("found_at"):
                # the missing child with each person found with them (not those people together)
                for other in record["found_with"]:
                    self.together.append((record["episode_id"], _day(record["found_at"]),
                                          (record["person_id"], other)))
        elif kind == "sighting":
            people = record.get("person_ids") or ()
            if len(people) >= 2:
                self.together.append((record["sighting_id"], _day(record["observed_at"]), tuple(people)))
        elif kind == "contact":
            self.contacts.append((record["contact_id"], _day(record["contacted_on"]),
                                  normalise_reference(record["from_type"], record["from_id"]),
                                  normalise_reference(record["to_type"], record["to_id"]), record["intel_id"]))
        elif kind == "care_status":
            if record["status"] in S49_STATUSES:
                self.orders[record["person_id"]].append((_day(record["start_on"]), _day(record.get("end_on"))))
        elif kind == "family":
            if record["relation"] in CONNECTED_RELATIONS:
                self.connected.add((record["person_id"], record["relative_id"]))
        elif kind == "notice":
            if record["status"] == "active":
                self.active_notices.add((record["adult_id"], record["child_id"]))


@dataclass
class Assessment:
    candidates: list[dict]
    excluded: list[dict]


def _items(facts: Facts, as_of: date):
    """Every evidence item up to ``as_of`` as (item ID, day or None, person, person, counts):
    ``counts`` is False when a report behind it is graded E."""
    def dated(observed, intel_id):
        if intel_id is None:
            return observed, True
        reported, assessment = facts.intel[intel_id]
        return observed or reported, assessment != "E"

    users = defaultdict(list)  # normalised VRM, number or account -> (user, uses link counts)
    for _, relation, subject, obj, observed, intel_id in facts.links:
        if relation in ("uses_vehicle", "uses_phone", "uses_account"):
            day, counts = dated(observed, intel_id)
            if day is None or day <= as_of:
                users[obj].append((subject, counts))
    for item_id, relation, subject, obj, observed, intel_id in facts.links:
        if relation in ("uses_vehicle", "uses_phone", "uses_account"):
            continue
        day, counts = dated(observed, intel_id)
        if day is not None and day > as_of:
            continue
        if relation == "associates_with":
            yield item_id, day, subject, obj, counts
        else:
            for user, use_counts in users.get(obj, ()):
                yield item_id, day, subject, user, counts and use_counts
    for item_id, day, from_end, to_end, intel_id in facts.contacts:
        day, counts = dated(day, intel_id)
        if day is not None and day > as_of:
            continue
        for first, first_counts in users.get(from_end, ()):
            for second, second_counts in users.get(to_end, ()):
                yield item_id, day, first, second, counts and first_counts and second_counts
    for item_id, day, people in facts.together:
        if day is not None and day > as_of:
            continue
        for i, first in enumerate(people):
            for second in people[i + 1:]:
                yield item_id, day, first, second, True


def assess(facts: Facts, as_of: date, lookback_days: int = 365) -> Assessment:
    """Candidates and excluded pairs as of ``as_of``, each sorted by (adult, child)."""
    window_start = as_of - timedelta(days=lookback_days)
    recent: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item_id, day, first, second, counts in _items(facts, as_of):
        if first == second:
            continue
        pair = (first, second) if first < second else (second, first)
        bucket = recent[pair]  # made for every pair with evidence, filled only by what qualifies
        if counts and day is not None and day >= window_start:
            bucket.add(item_id)

    def in_order(child: str) -> bool:
        return any(start <= as_of and (end is None or end >= as_of) for start, end in facts.orders.get(child, ()))

    candidates, excluded = [], []
    for (first, second), items in recent.items():
        dobs = {p: facts.dob.get(p) for p in (first, second)}
        minors = [p for p, dob in dobs.items() if dob is not None and _age(dob, as_of) < 18]
        if not minors:
            continue
        if len(minors) == 2:  # the younger; two born the same day: the greater ID, to be stable
            child = max(minors, key=lambda p: (dobs[p], p))
        else:
            child = minors[0]
        adult = second if child == first else first
        child_age = _age(dobs[child], as_of)
        reasons = []
        if dobs[adult] is None:
            reasons.append("adult_age_unknown")
        elif _age(dobs[adult], as_of) < 18:
            reasons.append("adult_under_18")
        connected = (child, adult) in facts.connected
        bases = []
        if child_age < 16 and not connected:
            bases.append(S2)
        if in_order(child):
            bases.append(S49)
        if not bases:
            reasons.append("connected_person" if child_age < 16 else "child_not_eligible")
        if not items:
            reasons.append("no_recent_evidence")
        if (adult, child) in facts.active_notices:
            reasons.append("active_notice")
        if reasons:
            excluded.append({"adult_id": adult, "child_id": child, "reason_codes": reasons})
        else:
            candidates.append({"adult_id": adult, "child_id": child, "legal_bases": bases,
                               "evidence_ids": sorted(items)})
    candidates.sort(key=lambda c: (c["adult_id"], c["child_id"]))
    excluded.sort(key=lambda c: (c["adult_id"], c["child_id"]))
    return Assessment(candidates, excluded)
