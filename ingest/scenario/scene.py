"""The scene the scenario's stories are written into: one method per intake record.

A :class:`Scene` turns "this child was found with that man at the hotel 40 days ago" into the
intake records that say so (docs/intake-format.md), with dates counted back from the scenario's as-of date.
Methods return the ID they wrote, so stories can refer back to what they created.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.scenario import casework
from ingest.scenario.world import (
    COLOURS,
    ETHNICITIES,
    FORENAMES,
    MAKES_MODELS,
    POSTCODE_LETTERS,
    STREET_KINDS,
    STREET_STEMS,
    SURNAMES,
    TOWNS,
    VENUE_NAMES,
    VRM_LETTERS,
    Calendar,
    IdPool,
    Output,
    normalise_vrm,
    offset_point,
    years_before,
)

SOURCE_WEIGHTS = (("1", 30), ("2", 55), ("3", 15))
ASSESSMENT_WEIGHTS = (("A", 14), ("B", 30), ("C", 30), ("D", 20), ("E", 6))
HANDLING_CONDITIONS = (
    "Not to be disclosed outside the police without the originating officer's consent.",
    "Share with children's social care only; do not disclose the source.",
    "Source protection: do not act on this report without consulting the source handler.",
    "For the MACSE meeting only; not to be recorded in partner case files.",
    "Do not disclose to the subject or their family.",
)


@dataclass(eq=False)  # people are themselves: compared and hashed by identity
class Person:
    id: str
    dob: date | None
    gender: str | None
    town: str
    forename: str
    surname: str
    home: str | None = None


@dataclass(eq=False)
class Place:
    id: str
    name: str
    category: str
    lat: float
    lon: float
    town: str


def _weighted(rng: random.Random, table):
    values = [v for v, _ in table]
    weights = [w for _, w in table]
    return lambda: rng.choices(values, weights)[0]


class Scene:
    """Writes intake records for one scenario; ``rng`` drives every choice."""

    def __init__(self, rng: random.Random, calendar: Calendar, output: Output):
        self.rng = rng
        self.cal = calendar
        self.out = output
        self.ids = {
            "person": IdPool(rng, "P"), "location": IdPool(rng, "L"), "intel": IdPool(rng, "INT-"),
            "link": IdPool(rng, "LNK-", 8), "episode": IdPool(rng, "MIS-"),
            "sighting": IdPool(rng, "SGT-", 8), "notice": IdPool(rng, "CAWN-", 6),
            "statement": IdPool(rng, "PS-", 6),
        }
        self.vrms: set[str] = set()
        self._source = _weighted(rng, SOURCE_WEIGHTS)
        self._assessment = _weighted(rng, ASSESSMENT_WEIGHTS)
        self._ethnicity = _weighted(rng, ETHNICITIES)

    # ------------------------------------------------------------------ dates

    def moment(self, days_ago: int, minutes: int) -> tuple[int, str]:
        """(days_ago, date-time text) ``minutes`` after midnight of ``days_ago`` days before
        as-of (minutes may run over or under a day). The hour 00 is avoided (see Calendar)."""
        days_ago -= minutes // 1440
        minutes %= 1440
        if minutes < 60:
            minutes += 60
        return days_ago, self.cal.datetime_text(days_ago, minutes // 60, minutes % 60,
                                                self.rng.choice(("Z", "+00:00")))

    def at(self, days_ago: int, hours=(8, 23)) -> str:
        """A date-time on that day at a random time between ``hours``."""
        return self.moment(days_ago, self.rng.randrange(hours[0] * 60, hours[1] * 60))[1]

    def dob(self, age: int) -> date:
        """A date of birth for someone ``age`` on as-of day, kept clear of the birthday itself
        (boundary cases pass their own date of birth) and never on 29 February."""
        born = years_before(self.cal.as_of, age) - timedelta(days=self.rng.randrange(7, 355))
        return born - timedelta(days=1) if (born.month, born.day) == (2, 29) else born

    # ------------------------------------------------------------------ people and places

    def person(self, age: int | None = None, *, dob: date | None = None, gender: str | None = None,
               town: str = "home", surname: str | None = None, aliases=(), dob_known: bool = True,
               forename: str | None = None) -> Person:
        rng = self.rng
        gender = gender or rng.choice(("female", "male"))
        if dob is None and age is not None:
            dob = self.dob(age)
        surname = surname or rng.choice(SURNAMES)
        forename = forename or rng.choice(FORENAMES[gender])
        person = Person(self.ids["person"].next(), dob if dob_known else None, gender, town, forename, surname)
        self.out.add({
            "type": "person", "person_id": person.id, "forename": forename, "surname": surname,
            "dob": person.dob.isoformat() if person.dob else None,
            "gender": gender if rng.random() > 0.02 else None,
            "ethnicity": self._ethnicity(), "aliases": list(aliases),
        })
        return person

    def place(self, category: str, town: str = "home", *, near: tuple[float, float] | None = None,
              spread_km: float | None = None, name: str | None = None) -> Place:
        rng = self.rng
        where = TOWNS[town]
        lat, lon = near or (where.lat, where.lon)
        spread = spread_km if spread_km is not None else where.radius_km / 2
        lat, lon = offset_point(lat, lon, rng.gauss(0, spread), rng.gauss(0, spread))
        street = f"{rng.choice(STREET_STEMS)} {rng.choice(STREET_KINDS)}"
        if name is None and category != "home_address":
            heads, tails = VENUE_NAMES[category]
            name = f"{rng.choice(heads)} {rng.choice(tails)}"
        postcode = (f"{rng.choice(where.outward_codes)} {rng.randrange(1, 10)}"
                    f"{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}")
        place = Place(self.ids["location"].next(), name or f"{rng.randrange(1, 180)} {street}",
                      category, lat, lon, town)
        self.out.add({
            "type": "location", "location_id": place.id, "name": place.name, "category": category,
            "lat": lat, "lon": lon,
            "address": place.name if category == "home_address" else f"{rng.randrange(1, 120)} {street}",
            "postcode": postcode if rng.random() > 0.1 else None,
        })
        return place

    def vehicle(self) -> str:
        """A new vehicle; returns its registration as written in vehicle.csv."""
        rng = self.rng
        while True:
            if rng.random() < 0.06:  # an older, prefix-style mark
                vrm = f"{rng.choice(VRM_LETTERS)}{rng.randrange(1, 999)} {''.join(rng.choices(VRM_LETTERS, k=3))}"
            else:
                age = rng.choice((rng.randrange(2, 26), rng.randrange(51, 75)))
                vrm = f"{''.join(rng.choices(VRM_LETTERS, k=2))}{age:02d} {''.join(rng.choices(VRM_LETTERS, k=3))}"
            if normalise_vrm(vrm) not in self.vrms:
                break
        self.vrms.add(normalise_vrm(vrm))
        make, model = rng.choice(MAKES_MODELS)
        written = vrm if rng.random() < 0.8 else normalise_vrm(vrm)
        self.out.add({"type": "vehicle", "vrm": written, "make": make, "model": model,
                      "colour": rng.choice(COLOURS) if rng.random() > 0.05 else None})
        return written

    def vrm_as_recorded(self, vrm: str) -> str:
        """The registration as another system or an officer writes it: spacing and case vary,
        so only the normalised form joins records together."""
        rng = self.rng
        plain = normalise_vrm(vrm)
        style = rng.randrange(6)
        if style == 0:
            return plain
        if style == 1:
            return plain.lower()
        if style == 2:
            return f"{plain[:-3]} {plain[-3:]}"
        if style == 3:
            return f"{plain[:-3]} {plain[-3:]}".lower()
        if style == 4:
            return "".join(c.lower() if rng.random() < 0.5 else c for c in plain)
        return f"{plain[:2]} {plain[2:-3]} {plain[-3:]}"

    # ------------------------------------------------------------------ intelligence

    def grade(self, allow_e: bool = True) -> tuple[str, str]:
        assessment = self._assessment()
        while assessment == "E" and not allow_e:
            assessment = self._assessment()
        return self._source(), assessment

    def intel(self, days_ago: int, summary: str | None, grade: tuple[str, str] | None = None, *,
              handling: str | None = None, allow_e: bool = True) -> str:
        """An intelligence report; ``grade`` is (source evaluation, assessment)."""
        rng = self.rng
        source, assessment = grade or self.grade(allow_e)
        handling = handling or ("C" if rng.random() < 0.2 else "P")
        intel_id = self.ids["intel"].next()
        self.out.add({
            "type": "intel", "intel_id": intel_id, "reported_on": self.cal.date_text(days_ago),
            "source_evaluation": source, "intelligence_assessment": assessment,
            "handling_code": handling,
            "handling_conditions": rng.choice(HANDLING_CONDITIONS) if handling == "C" else None,
            "summary": summary,
            "review_on": self.cal.date_text(days_ago - 365) if rng.random() < 0.5 else None,
        })
        return intel_id

    def link(self, subject: tuple[str, str], relation: str, obj: tuple[str, str], days_ago: int, *,
             intel_id: str | None = None, dated: bool = True) -> str:
        """One ``link`` record: ``subject`` and ``obj`` are (type, ID); observed ``days_ago``.
        Undated links take their date from their report (``dated=False`` needs ``intel_id``)."""
        link_id = self.ids["link"].next()
        record = {"type": "link", "link_id": link_id}
        if intel_id:
            record["intel_id"] = intel_id
        record.update(subject_type=subject[0], subject_id=subject[1], relation=relation,
                      object_type=obj[0], object_id=obj[1])
        if dated or not intel_id:
            record["observed_at"] = self.at(days_ago)
        self.out.add(record)
        return link_id

    def reported_link(self, subject, relation, obj, days_ago: int, summary: str,
                      grade: tuple[str, str] | None = None, *, allow_e: bool = False,
                      handling: str | None = None) -> str:
        """A link observed ``days_ago`` and reported up to three days later in its own report."""
        reported = max(days_ago - self.rng.randrange(0, 4), 0)
        intel_id = self.intel(reported, summary, grade, allow_e=allow_e, handling=handling)
        return self.link(subject, relation, obj, days_ago, intel_id=intel_id)

    # ------------------------------------------------------------------ events

    def missing_episode(self, child: Person, found_days_ago: int | None, *, missing_hours: int = 20,
                        found_location: Place | None = None, found_with=(), interview: bool = True,
                        reported_days_ago: int | None = None) -> str:
        """A missing episode that ended ``found_days_ago`` (None: still missing, reported
        ``reported_days_ago``). Found-with people need a found date."""
        rng = self.rng
        record = {"type": "missing_episode", "episode_id": self.ids["episode"].next(),
                  "person_id": child.id}
        if found_days_ago is None:
            record["reported_at"] = self.at(reported_days_ago, (16, 23))
        else:
            found_minutes = rng.randrange(60, 1440) if found_days_ago > 0 else rng.randrange(60, 600)
            _, record["reported_at"] = self.moment(found_days_ago, found_minutes - missing_hours * 60)
            _, record["found_at"] = self.moment(found_days_ago, found_minutes)
            if found_location is not None:
                record["found_location_id"] = found_location.id
            if found_with:
                record["found_with"] = [p.id for p in found_with]
            if interview and found_days_ago >= 3:
                record["return_interview_on"] = self.cal.date_text(found_days_ago - rng.randrange(1, 4))
        casework.episode_detail(record, missing_hours)
        self.out.add(record)
        return record["episode_id"]

    def sighting(self, days_ago: int, place: Place, source: str, *, vrm: str | None = None,
                 people=(), hours=(8, 23)) -> str:
        record = {"type": "sighting", "sighting_id": self.ids["sighting"].next(),
                  "observed_at": self.at(days_ago, hours), "location_id": place.id, "source": source}
        if vrm:
            record["vrm"] = self.vrm_as_recorded(vrm)
        if people:
            record["person_ids"] = [p.id for p in people]
        self.out.add(record)
        return record["sighting_id"]

    # ------------------------------------------------------------------ care, family, disruption

    def care_status(self, child: Person, status: str, start_days_ago: int,
                    end_days_ago: int | None = None) -> None:
        self.out.add({"type": "care_status", "person_id": child.id, "status": status,
                      "start_on": self.cal.date_text(start_days_ago),
                      "end_on": None if end_days_ago is None else self.cal.date_text(end_days_ago)})

    def family(self, child: Person, relative: Person, relation: str) -> None:
        self.out.add({"type": "family", "person_id": child.id, "relative_id": relative.id,
                      "relation": relation})

    def notice(self, adult: Person, child: Person, basis: str, issued_days_ago: int, status: str) -> str:
        notice_id = self.ids["notice"].next()
        self.out.add({"type": "notice", "notice_id": notice_id, "adult_id": adult.id,
                      "child_id": child.id, "basis": basis,
                      "issued_on": self.cal.date_text(issued_days_ago), "status": status})
        return notice_id

    def permission_statement(self, child: Person, adult: Person, made_by: Person, days_ago: int) -> str:
        statement_id = self.ids["statement"].next()
        self.out.add({"type": "permission_statement", "statement_id": statement_id,
                      "child_id": child.id, "adult_id": adult.id, "made_by_id": made_by.id,
                      "made_on": self.cal.date_text(days_ago)})
        return statement_id


def person_ref(person: Person) -> tuple[str, str]:
    return ("person", person.id)


def place_ref(place: Place) -> tuple[str, str]:
    return ("location", place.id)
