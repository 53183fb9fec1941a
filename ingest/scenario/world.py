"""The synthetic town the scenario is set in: calendar, places, names and the record writer.

Everything here is driven by one ``random.Random`` and the scenario's as-of date, so the same
seed gives the same town. Names of people, streets and businesses are invented; only the
coordinates are real (two English towns, see ``TOWNS``).

The :class:`Scene` is what the planted networks (``networks``) and the background
(``background``) write through: one small method per intake record type, each
returning the ID it wrote, so a story reads like the intelligence picture it builds.
"""

from __future__ import annotations

import csv
import json
import math
import os
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

#: Days of history before the as-of date: three years of intelligence.
HISTORY_DAYS = 3 * 365

#: Record types written as CSV (file ``<type>.csv``) and the column order, from docs/intake-format.md.
CSV_COLUMNS = {
    "person": ("person_id", "forename", "surname", "dob", "gender", "ethnicity", "aliases"),
    "location": ("location_id", "name", "category", "lat", "lon", "address", "postcode"),
    "vehicle": ("vrm", "make", "model", "colour"),
    "care_status": ("person_id", "status", "start_on", "end_on"),
    "family": ("person_id", "relative_id", "relation"),
    "phone": ("number",),
    "online_account": ("platform", "handle", "display_name"),
}
#: Record types written as JSON Lines, and the file each goes to. Notices and permission
#: statements share one file, so a reader meets more than one type in a file.
JSONL_FILES = {
    "intel": "intel.jsonl",
    "link": "link.jsonl",
    "missing_episode": "missing_episode.jsonl",
    "sighting": "sighting.jsonl",
    "notice": "disruption.jsonl",
    "permission_statement": "disruption.jsonl",
    "cse_concern": "cse_concern.jsonl",
    "contact": "contact.jsonl",
}
OUTPUT_FILES = tuple(sorted([f"{t}.csv" for t in CSV_COLUMNS] + list(set(JSONL_FILES.values()))))


# --------------------------------------------------------------------------- places

@dataclass(frozen=True)
class Town:
    """A real town's centre (WGS84) with invented postcode sectors for its addresses."""

    key: str
    lat: float
    lon: float
    radius_km: float
    outward_codes: tuple[str, ...]


#: Coordinates of two real English towns about 60 km apart (Swindon and Reading town centres).
#: Nothing else about them is real: every street, business and person is invented.
TOWNS = {
    "home": Town("home", 51.5610, -1.7850, 3.2, ("SN1", "SN2", "SN3", "SN5", "SN25")),
    "away": Town("away", 51.4560, -0.9730, 2.8, ("RG1", "RG2", "RG4", "RG6", "RG30")),
}
KM_PER_DEGREE_LAT = 111.2


def offset_point(lat: float, lon: float, east_km: float, north_km: float) -> tuple[float, float]:
    """The point ``east_km``/``north_km`` away, rounded to 6 decimals (about 10 cm)."""
    new_lat = lat + north_km / KM_PER_DEGREE_LAT
    new_lon = lon + east_km / (KM_PER_DEGREE_LAT * math.cos(math.radians(lat)))
    return round(new_lat, 6), round(new_lon, 6)


STREET_STEMS = (
    "Alder", "Ashdown", "Barnfield", "Beech", "Birchwood", "Bramble", "Brookfield", "Chapel",
    "Chestnut", "Clover", "Coldwell", "Copse", "Dene", "Elmhurst", "Fairview", "Fernlea",
    "Foxglove", "Glebe", "Hawthorn", "Hazel", "Heron", "Holly", "Kestrel", "Kingsmead",
    "Larch", "Linden", "Maple", "Marsh", "Meadow", "Mill", "Moorland", "Nightingale", "Oakley",
    "Orchard", "Pennyroyal", "Quarry", "Rowan", "Saxon", "Sedge", "Sorrel", "Spinney",
    "Stonecroft", "Sycamore", "Thistle", "Tanner", "Wharf", "Willow", "Wren", "Yew", "Abbotsmead",
)
STREET_KINDS = ("Road", "Street", "Lane", "Close", "Avenue", "Way", "Crescent", "Drive", "Grove", "Walk")
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

VENUE_NAMES = {
    "takeaway": (("Golden", "Crescent", "Royal", "Express", "Village", "Corner", "Star", "Sunrise",
                  "Blue Door", "Lucky"), ("Grill", "Pizza", "Kebab House", "Fish Bar", "Chicken",
                                         "Noodle Bar", "Diner", "Burger Co")),
    "hotel": (("Parkway", "Station", "Riverside", "Kingsmead", "Old Mill", "Meadowbank", "Crown",
               "Westgate", "Castlefield", "Bridge"), ("Lodge", "Hotel", "Inn", "Guest House",
                                                      "Budget Rooms", "Court Hotel")),
    "licensed_premises": (("The Red", "The Old", "The Black", "The Golden", "The Three", "The White"),
                          ("Lion", "Swan", "Plough", "Anchor", "Feathers", "Hart", "Bell", "Crown")),
    "park": (STREET_STEMS, ("Park", "Recreation Ground", "Fields", "Common", "Playing Fields")),
    "school": (STREET_STEMS, ("Academy", "School", "Primary School", "College")),
    "shop": (("Quick", "Handy", "Daily", "Corner", "Value", "Family"), ("Stores", "Mart",
                                                                       "Convenience", "News")),
    "taxi_rank": (STREET_STEMS, ("Street taxi rank", "Road taxi rank", "Station taxi rank")),
    "car_park": (STREET_STEMS, ("Street car park", "multi-storey car park", "Retail Park car park")),
    "children_home": (STREET_STEMS, ("House", "Lodge", "View")),
    "other": (STREET_STEMS, ("Community Centre", "Leisure Centre", "Skate Park", "Underpass",
                             "Bus Station", "Shopping Centre")),
}


# --------------------------------------------------------------------------- people

FORENAMES = {
    "female": (
        "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Grace", "Freya", "Evie", "Sophie",
        "Chloe", "Ellie", "Ruby", "Poppy", "Jessica", "Holly", "Megan", "Lauren", "Bethany",
        "Aisha", "Amira", "Zara", "Hana", "Maryam", "Priya", "Anjali", "Simran", "Nadia", "Sana",
        "Abena", "Amara", "Chidinma", "Zainab", "Kemi", "Nia", "Shanice", "Tia", "Kezia",
        "Zofia", "Oliwia", "Julia", "Natalia", "Alicja", "Ioana", "Elena", "Daria", "Zoë",
        "Niamh", "Siobhan", "Catrin", "Rhiannon", "Kirsty", "Leanne", "Stacey", "Donna", "Karen",
        "Michelle", "Joanne", "Samantha", "Tracey", "Nicola", "Lisa", "Claire", "Emma", "Helen",
    ),
    "male": (
        "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Oscar", "Charlie", "Jacob", "Alfie",
        "Thomas", "Joshua", "Liam", "Ryan", "Callum", "Kyle", "Connor", "Jordan", "Reece", "Tyler",
        "Adam", "Bilal", "Omar", "Yusuf", "Imran", "Arjun", "Rohan", "Harpreet", "Karim", "Tariq",
        "Kwame", "Tunde", "Emeka", "Jerome", "Marcus", "Andre", "Dwayne", "Kofi", "Jamal",
        "Jakub", "Kacper", "Mateusz", "Bartosz", "Andrei", "Mihai", "Darius", "Luca", "Tomás",
        "Dylan", "Rhys", "Owen", "Craig", "Darren", "Wayne", "Lee", "Gary", "Dean", "Paul",
        "Mark", "Stuart", "Neil", "Steven", "Simon", "Martin", "Kevin", "Gareth", "Shaun",
    ),
}
# Surnames are made from invented parts, so no combination points at anyone on purpose.
SURNAME_HEADS = (
    "Ash", "Brad", "Brack", "Cal", "Carr", "Chal", "Cold", "Dal", "Dun", "Fen", "Gar", "Hal",
    "Hart", "Hol", "Kel", "Kir", "Lang", "Mar", "Mor", "Nor", "Pen", "Rad", "Rook", "Sel",
    "Stan", "Thorn", "Tre", "Wal", "Wen", "Whit", "Yar", "Aber", "Bel", "Crom", "Elm", "Oak",
)
SURNAME_TAILS = (
    "by", "cott", "ford", "ham", "ley", "ton", "well", "worth", "ridge", "field", "stead",
    "wick", "more", "dale", "combe", "hurst", "brook", "grave", "shaw", "wood", "ell", "ington",
)
EXTRA_SURNAMES = (
    "Adeyemi", "Okonkwo", "Mensah", "Boateng", "Achebe", "Nwosu", "Hussaini", "Qadri", "Rahmani",
    "Siddiq", "Chaudry", "Anand", "Bhatti", "Dhaliwal", "Kowalczyk", "Zielinska", "Nowacki",
    "Popescu", "Ionescu", "Marinescu", "O'Daly", "McAvoy", "Fitzmaurice", "Ferreira", "Costa",
    "Lindqvist", "Haddad", "Nasser", "Demir", "Yilmazer", "Campbell-Grant", "Ellis-Brown",
)
SURNAMES = tuple(sorted({h + t for h in SURNAME_HEADS for t in SURNAME_TAILS} | set(EXTRA_SURNAMES)))
STREET_ALIASES = ("Jay", "Kid", "Bigz", "Ace", "Smokey", "T", "Dee", "Frosty", "Scar", "Milo",
                  "Boss", "Rico", "Shorty", "Blade", "Kez", "Bex", "Lulu", "Tink")
#: Recorded by some systems; drawn the same way for everyone, never tied to a role.
ETHNICITIES = (("White", 70), ("Asian", 9), ("Black", 4), ("Mixed", 3), ("Other", 2), (None, 12))


# --------------------------------------------------------------------------- vehicles

MAKES_MODELS = (
    ("Vauxhall", "Corsa"), ("Vauxhall", "Astra"), ("Ford", "Fiesta"), ("Ford", "Focus"),
    ("Ford", "Transit"), ("Volkswagen", "Golf"), ("Volkswagen", "Polo"), ("BMW", "3 Series"),
    ("Audi", "A3"), ("Mercedes-Benz", "C-Class"), ("Toyota", "Prius"), ("Toyota", "Yaris"),
    ("Skoda", "Octavia"), ("Nissan", "Qashqai"), ("Kia", "Sportage"), ("Peugeot", "208"),
    ("Renault", "Clio"), ("Hyundai", "i30"), ("Seat", "Leon"), ("Mini", "Cooper"),
)
COLOURS = ("black", "silver", "grey", "white", "blue", "red", "green")
VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"  # no I, Q or Z in current-style marks


def normalise_vrm(vrm: str) -> str:
    """How the service compares registrations: spaces removed, upper case."""
    return "".join(vrm.split()).upper()


# --------------------------------------------------------------------------- calendar

def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(dob: date, day: date) -> int:
    """Age in whole years on ``day``: a birthday on ``day`` counts."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


class Calendar:
    """Dates counted back from the as-of date, written as intake strings.

    Date-times carry the UK offset of their day (``+01:00`` in summer time, otherwise ``Z`` or
    ``+00:00``: exporting systems differ) and an hour from 01 to 23, so an event's date is the
    same in UTC and in local time and no look-back boundary depends on the reader's time zone.
    """

    def __init__(self, as_of: date, history_days: int = HISTORY_DAYS):
        self.as_of = as_of
        # Days are written thousands of times each: keep their text and offset at hand.
        self._date_text = [(as_of - timedelta(days=n)).isoformat() for n in range(history_days + 400)]
        self._offset = [self._summer_offset(as_of - timedelta(days=n)) for n in range(history_days + 400)]

    @staticmethod
    def _summer_offset(day: date) -> str:
        """``+01:00`` on days of British Summer Time, else empty (the caller picks Z or +00:00)."""
        return "+01:00" if _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10) else ""

    def day(self, days_ago: int) -> date:
        return self.as_of - timedelta(days=days_ago)

    def date_text(self, days_ago: int) -> str:
        if 0 <= days_ago < len(self._date_text):
            return self._date_text[days_ago]
        return self.day(days_ago).isoformat()

    def datetime_text(self, days_ago: int, hour: int, minute: int, winter_zone: str = "Z") -> str:
        """``days_ago`` days before as-of at ``hour``:``minute`` local time (hour 1..23)."""
        if 0 <= days_ago < len(self._offset):
            offset = self._offset[days_ago]
        else:
            offset = self._summer_offset(self.day(days_ago))
        return f"{self.date_text(days_ago)}T{hour:02d}:{minute:02d}:00{offset or winter_zone}"


# --------------------------------------------------------------------------- identifiers

class IdPool:
    """Unique, stable-looking IDs that do not give away the order records were made in.

    The n-th ID is ``(n * step + start) mod 10**digits`` with ``step`` coprime to ``10**digits``:
    a bijection, so IDs never repeat, and planted and background records interleave.
    """

    def __init__(self, rng: random.Random, prefix: str, digits: int = 7):
        self.prefix = prefix
        self.modulus = 10 ** digits
        self.digits = digits
        step = rng.randrange(self.modulus // 3, self.modulus)
        while step % 2 == 0 or step % 5 == 0:
            step += 1
        self.step = step
        self.start = rng.randrange(self.modulus)
        self.issued = 0

    def next(self) -> str:
        number = (self.issued * self.step + self.start) % self.modulus
        self.issued += 1
        return f"{self.prefix}{number:0{self.digits}d}"


# --------------------------------------------------------------------------- output

class Output:
    """Finished intake records, held per file until :meth:`write`; every record is also shown to
    ``observers`` (the ground-truth fact collector) exactly as it will be written."""

    def __init__(self, observers=()):
        self.rows: dict[str, list[list[str]]] = {t: [] for t in CSV_COLUMNS}
        self.lines: dict[str, list[str]] = {f: [] for f in sorted(set(JSONL_FILES.values()))}
        self.counts: Counter[str] = Counter()
        self.observers = tuple(observers)
        self._dumps = json.JSONEncoder(ensure_ascii=False).encode

    def add(self, record: dict) -> None:
        kind = record["type"]
        self.counts[kind] += 1
        for observer in self.observers:
            observer(record)
        columns = CSV_COLUMNS.get(kind)
        if columns is None:  # absent fields are left out, never written as null
            self.lines[JSONL_FILES[kind]].append(
                self._dumps({k: v for k, v in record.items() if v is not None}))
        else:
            self.rows[kind].append([_cell(record.get(c)) for c in columns])

    def write(self, out: Path) -> dict[str, int]:
        """Write every file sorted (by ID, as an export would be) via a temporary name, so a
        directory never holds half a file. Returns the number of records per file."""
        written = {}
        for kind, rows in self.rows.items():
            rows.sort()
            name = f"{kind}.csv"
            with _replacing(out / name) as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(CSV_COLUMNS[kind])
                writer.writerows(rows)
            written[name] = len(rows)
        for name, lines in self.lines.items():
            lines.sort()
            with _replacing(out / name) as handle:
                handle.write("\n".join(lines))
                handle.write("\n")
            written[name] = len(lines)
        return written


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(value)
    return str(value)


class _replacing:
    """Open ``path`` for writing under a temporary name; move it into place on success."""

    def __init__(self, path: Path):
        self.path = path
        self.partial = path.with_name(path.name + ".partial")

    def __enter__(self):
        self.handle = open(self.partial, "w", encoding="utf-8", newline="", buffering=1 << 20)
        return self.handle

    def __exit__(self, kind, value, traceback):
        self.handle.close()
        if kind is None:
            os.replace(self.partial, self.path)
        else:
            self.partial.unlink(missing_ok=True)
        return False
