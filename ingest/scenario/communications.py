"""Phones, online accounts and the contacts between them (issue 16), planted last.

Grooming often runs through phones and social media, so the planted networks' suspected
perpetrators have phones, their children online accounts, and each planted candidate pair a
few messages between them, known from a graded report (a child's phone examined, call records).
So that contact is not by itself a sign of a planted network, the background has them too, as
ordinary life does: parents and their children on the same messaging app, teenagers messaging
friends from their circle, adults calling friends on their landlines. Background contact is
only ever between people the rules do not list (a parent and a child with no order that brings
section 49 into play, two children, two adults), so it adds noise to the association graph and
the excluded pairs without planting a candidate the stories did not mean.

This step runs after every other (on a generator of its own), so every record written before
it is the same with or without it. Numbers come only from Ofcom's ranges reserved for drama
(no real person's number is ever written), in the varied forms exports hold them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from graph_service.vocabulary import CONNECTED_RELATIONS, S49_STATUSES
from ingest.scenario.scene import Person, Scene
from ingest.scenario.world import IdPool

#: Ofcom's drama ranges: each prefix takes three more digits (07700 900000 to 900999 and the
#: landline ranges of the cities).
MOBILE_RANGE = "07700 900"
LANDLINE_RANGES = ("0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0", "0117 496 0", "0118 496 0",
                   "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0", "0161 496 0", "0191 498 0",
                   "020 7946 0", "01632 960")
#: Share of background parent-child pairs and of neighbours in a friendship circle with
#: recorded contact: police records hold the contacts of the few whose phones were examined.
BACKGROUND_SHARE = 0.1
#: Platforms children and adults are met on in the stories and the background.
CHILD_PLATFORMS = ("snapchat", "instagram", "tiktok", "whatsapp")


def _written(number: str, rng: random.Random) -> str:
    """A UK number as an export may hold it: national with spaces, run together, or +44."""
    digits = "".join(number.split())
    form = rng.random()
    if form < 0.5:
        return number
    if form < 0.75:
        return digits
    return "+44 " + number[1:]


class Directory:
    """An output observer: who was born when, who is whose connected relative, and which
    children are under an order that brings section 49 into play (background contact never
    makes a candidate)."""

    def __init__(self):
        self.born: dict[str, date] = {}
        self.relatives: dict[str, list[str]] = defaultdict(list)  # child -> connected relatives
        self.s49: set[str] = set()

    def observe(self, record: dict) -> None:
        kind = record["type"]
        if kind == "person" and record.get("dob"):
            self.born[record["person_id"]] = date.fromisoformat(record["dob"])
        elif kind == "family" and record["relation"] in CONNECTED_RELATIONS:
            self.relatives[record["person_id"]].append(record["relative_id"])
        elif kind == "care_status" and record["status"] in S49_STATUSES:
            self.s49.add(record["person_id"])


@dataclass
class Planted:
    """What this step wrote, for the answer key."""

    phones: int = 0
    accounts: int = 0
    contacts: int = 0
    #: network name -> contact IDs between its members
    network_contacts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def key(self) -> dict:
        return {"phones": self.phones, "online_accounts": self.accounts, "contacts": self.contacts,
                "network_contacts": {k: sorted(v) for k, v in sorted(self.network_contacts.items())}}


class Communications:
    """Writes phones, accounts, the links to their users and contacts through the scene."""

    def __init__(self, scene: Scene, seed: int, directory: Directory):
        self.scene = scene
        self.rng = random.Random(f"graph-service communications {seed}")
        self.directory = directory
        self.ids = IdPool(self.rng, "CON-", 8)
        self.mobiles = [f"{MOBILE_RANGE}{n:03d}" for n in range(1000)]
        self.landlines = [f"{prefix}{n:03d}" for prefix in LANDLINE_RANGES for n in range(1000)]
        self.rng.shuffle(self.mobiles)
        self.rng.shuffle(self.landlines)
        self.handles: set[str] = set()
        self.phone_of: dict[tuple[str, str], tuple[str, str]] = {}  # (person, kind) -> ("phone", written)
        self.account_of: dict[tuple[str, str], tuple[str, str]] = {}  # (person, platform) -> end
        self.planted = Planted()
        self.use_reports: dict[str, tuple[int, str]] = {}

    # -- means ------------------------------------------------------------------------

    def phone(self, person: Person, kind: str = "mobile") -> tuple[str, str] | None:
        """The person's mobile or landline (new when they have none); None when the drama
        ranges are used up (the background then uses accounts)."""
        key = (person.id, kind)
        if key not in self.phone_of:
            pool = self.mobiles if kind == "mobile" else self.landlines
            if not pool:
                return None
            number = pool.pop()
            self.scene.out.add({"type": "phone", "number": _written(number, self.rng)})
            self._uses(person, "phone", _written(number, self.rng), "uses_phone", "subscriber checks")
            self.phone_of[key] = ("phone", _written(number, self.rng))
            self.planted.phones += 1
        return self.phone_of[key]

    def account(self, person: Person, platform: str) -> tuple[str, str]:
        """The person's account on ``platform`` (new when they have none), as platform:handle."""
        key = (person.id, platform)
        if key not in self.account_of:
            stem = f"{person.forename.lower()}{person.surname[:1].lower()}"
            handle = f"{stem}_{self.rng.randrange(10, 1000)}"
            while f"{platform}:{handle}" in self.handles:
                handle = f"{stem}_{self.rng.randrange(10, 10000)}"
            self.handles.add(f"{platform}:{handle}")
            written = "@" + handle if self.rng.random() < 0.3 else handle
            self.scene.out.add({"type": "online_account", "platform": platform, "handle": written})
            self._uses(person, "online_account", f"{platform}:{handle}", "uses_account", "open-source research")
            self.account_of[key] = ("online_account", f"{platform}:{handle}")
            self.planted.accounts += 1
        return self.account_of[key]

    def _uses(self, person: Person, kind: str, end: str, relation: str, how: str) -> None:
        # One report per person says which phones and accounts are theirs, known well before
        # the contacts below.
        if person.id not in self.use_reports:
            days_ago = self.rng.randrange(380, 900)
            self.use_reports[person.id] = (days_ago, self.scene.intel(
                days_ago, f"{how}: phones and accounts used by the person named",
                (self.rng.choice("12"), self.rng.choice("AB")), handling="P"))
        days_ago, intel_id = self.use_reports[person.id]
        self.scene.link(("person", person.id), relation, (kind, end), days_ago, intel_id=intel_id, dated=False)

    # -- contacts ---------------------------------------------------------------------

    def contacts(self, ends: tuple[tuple[str, str], tuple[str, str]], count: int, *, means: str, known_from: str,
                 summary: str, days: tuple[int, int], grade: tuple[str, str] | None = None) -> list[str]:
        """``count`` contacts between two ends (either way round), known from one report."""
        rng = self.rng
        day_list = sorted((rng.randrange(*days) for _ in range(count)), reverse=True)
        intel_id = self.scene.intel(max(day_list[-1] - rng.randrange(0, 10), 0), summary,
                                    grade or (rng.choice("12"), rng.choice("ABC")), handling="P")
        written = []
        for days_ago in day_list:
            first, second = ends if rng.random() < 0.6 else ends[::-1]
            contact_id = self.ids.next()
            self.scene.out.add({"type": "contact", "contact_id": contact_id, "intel_id": intel_id,
                                "from_type": first[0], "from_id": first[1], "to_type": second[0],
                                "to_id": second[1], "contacted_on": self.scene.cal.date_text(days_ago),
                                "means": means, "known_from": known_from})
            written.append(contact_id)
        self.planted.contacts += len(written)
        return written

    def age(self, person: Person) -> int | None:
        born = self.directory.born.get(person.id)
        day = self.scene.cal.day(0)
        return None if born is None else day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def plant(scene: Scene, seed: int, directory: Directory, planted, town) -> Planted:
    """Phones, accounts and contacts for the planted networks (``planted``: the stories'
    :class:`~ingest.scenario.networks.Planted`) and the background ``town``."""
    comms = Communications(scene, seed, directory)
    rng = comms.rng
    people = {p.id: p for p in (*planted.adults, *planted.children)}
    # Planted: each candidate pair in messages on a platform the child uses, known from the
    # child's phone examined; a network's adults call each other.
    for pair in planted.pairs:
        adult, child = people.get(pair["adult_id"]), people.get(pair["child_id"])
        if pair["expected"] != "candidate" or adult is None or child is None:
            continue
        platform = rng.choice(CHILD_PLATFORMS)
        ids = comms.contacts((comms.account(adult, platform), comms.account(child, platform)), rng.randrange(1, 4),
                             means="message", known_from="device_examination", days=(5, 300),
                             summary="Messages found on a phone examined after a missing episode")
        comms.planted.network_contacts[pair["network"]].extend(ids)
    for network in planted.networks:
        adults = [people[i] for i in network["suspected_perpetrators"]
                  if i in people and (comms.age(people[i]) or 0) >= 18]
        for first, second in pairwise(adults):
            ends = (comms.phone(first), comms.phone(second))
            if None in ends:
                continue
            ids = comms.contacts(ends, rng.randrange(1, 3), means="call", known_from="call_records",
                                 days=(5, 400), summary="Call records obtained under the investigation")
            comms.planted.network_contacts[network["network"]].extend(ids)
    _background(comms, town)
    return comms.planted


def _background(comms: Communications, town) -> None:
    rng = comms.rng
    born = comms.directory.born
    by_id = {p.id: p for group in (town.adults, town.teenagers, town.young_adults) for p in group}
    # Parents and their children (10 and over, no order that brings s49 into play) on WhatsApp.
    for child_id, relatives in sorted(comms.directory.relatives.items()):
        child = by_id.get(child_id)
        age = comms.age(child) if child is not None else None
        if child is None or age is None or not 10 <= age < 18 or child_id in comms.directory.s49:
            continue
        for relative_id in relatives[:1]:
            parent = by_id.get(relative_id)
            if parent is None or relative_id not in born or rng.random() < 1 - BACKGROUND_SHARE:
                continue
            comms.contacts((comms.account(parent, "whatsapp"), comms.account(child, "whatsapp")),
                           rng.randrange(1, 4), means=rng.choice(("message", "video_call")),
                           known_from="device_examination", days=(5, 700),
                           summary="Contacts on a phone examined after a missing episode")
    # Friends within their own circle: teenagers message, adults call (landlines while the
    # drama ranges last, then WhatsApp).
    for kind, means in (("teenagers", "message"), ("adults", "call")):
        for circle in town.circles.get(kind, ()):
            members = [p for p in circle if comms.age(p) is not None]
            if kind == "teenagers":
                members = [p for p in members if comms.age(p) < 18]
            else:
                members = [p for p in members if comms.age(p) >= 18]
            rng.shuffle(members)
            for first, second in pairwise(members):
                if rng.random() < 1 - BACKGROUND_SHARE:
                    continue
                if kind == "teenagers":
                    platform = rng.choice(CHILD_PLATFORMS)
                    ends = (comms.account(first, platform), comms.account(second, platform))
                else:
                    ends = (comms.phone(first, "landline"), comms.phone(second, "landline"))
                    if None in ends:
                        ends = (comms.account(first, "whatsapp"), comms.account(second, "whatsapp"))
                comms.contacts(ends, rng.randrange(1, 4), means=means,
                               known_from=rng.choice(("call_records", "device_examination", "screenshots")),
                               days=(5, 700), summary="Contacts between friends noted in an unrelated enquiry")
