"""The planted exploitation networks: four models, each told as a short story of records.

Each story creates its people, places and vehicles through the :class:`Scene` and writes the
events an intelligence picture would hold: missing episodes ending at the hotel, a child seen
in a suspected perpetrator's car, ANPR reads near the takeaway, graded reports of association.
Every story also records what the answer key should say (:class:`Planted`): who the network
is, which locations are its hotspots, and which adult-child pairs are meant to be notice
candidates or meant to be excluded, and why. ``scenario.generate`` checks those intentions
against the rules applied to the records written (``truth``), so a story that drifts
from its design fails loudly instead of shipping a wrong answer key.

Ages and dates are counted back from the as-of date, so the boundary cases (an 18th birthday
on the as-of day, evidence exactly 365 and 366 days old) hold for any as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from graph_service.vocabulary import S2, S49
from ingest.scenario.scene import Person, Place, Scene, person_ref, place_ref
from ingest.scenario.world import (
    STREET_ALIASES,
    STREET_KINDS,
    STREET_STEMS,
    TOWNS,
    offset_point,
    years_before,
)


@dataclass
class Planted:
    """What the stories planted, for ``ground_truth.json``."""

    networks: list[dict] = field(default_factory=list)
    hotspots: list[dict] = field(default_factory=list)
    #: the hotspots that are public places (ordinary people use them too)
    venues: list[Place] = field(default_factory=list)
    #: every network's children and suspected perpetrators, to give them ordinary friends too
    children: list[Person] = field(default_factory=list)
    adults: list[Person] = field(default_factory=list)
    #: what each planted adult-child pair is meant to be: ``expected`` is "candidate" (with
    #: ``legal_bases``) or "excluded" (with the one ``reason`` code and ``why``)
    pairs: list[dict] = field(default_factory=list)

    def candidate(self, adult: Person, child: Person, bases, note: str) -> None:
        self.pairs.append({"adult_id": adult.id, "child_id": child.id, "expected": "candidate",
                           "legal_bases": list(bases), "note": note})

    def excluded(self, adult: Person, child: Person, reason: str, why: str, note: str) -> None:
        """A pair meant to be excluded with the one reason code ``reason``; ``why`` names the
        situation planted (e.g. ``e_graded_evidence_only`` gives ``no_recent_evidence``)."""
        self.pairs.append({"adult_id": adult.id, "child_id": child.id, "expected": "excluded",
                           "reason": reason, "why": why, "note": note})

    def network(self, name: str, model: str, children, perpetrators, others=(), *, hotspots,
                vehicles, recruiters=()) -> None:
        """Close a story: its network, its hotspots, and the network name on its pairs."""
        members = [*children, *perpetrators, *others]
        self.children.extend(children)
        self.adults.extend(perpetrators)
        for pair in self.pairs:
            pair.setdefault("network", name)
        self.networks.append({
            "network": name, "model": model,
            "members": sorted(p.id for p in members),
            "children": sorted(p.id for p in children),
            "suspected_perpetrators": sorted(p.id for p in perpetrators),
            "recruiters": sorted(p.id for p in recruiters),
            "vehicles": sorted("".join(v.split()).upper() for v in vehicles),
            "hotspot_location_ids": sorted(h.id for h in hotspots),
        })
        for place in hotspots:
            if place.category != "home_address":
                self.venues.append(place)
            self.hotspots.append({"location_id": place.id, "name": place.name,
                                  "category": place.category, "lat": place.lat, "lon": place.lon,
                                  "network": name})


class Story:
    """Helpers the four stories share: households, looked-after children, repeated episodes
    and the background hum of activity around a network's hotspots."""

    def __init__(self, scene: Scene, planted: Planted, name: str, town: str, centre, activity: int):
        self.scene = scene
        self.rng = scene.rng
        self.cal = scene.cal
        self.planted = planted
        self.name = name
        self.town = town
        self.centre = centre
        self.activity = activity  # grows with the scenario's size so hotspots stay visible

    # people

    def adult(self, age: int | None, *, gender: str | None = None, alias: bool = False, dob=None,
              home: str | None = None) -> Person:
        """An adult living at ``home`` (a location ID), else at a new address nearby."""
        rng = self.rng
        gender = gender or ("male" if rng.random() < 0.85 else "female")
        aliases = [rng.choice(STREET_ALIASES)] if alias else []
        person = self.scene.person(age, dob=dob, gender=gender, town=self.town, aliases=aliases)
        self.lives_at(person, home or self.scene.place("home_address", self.town, near=self.centre,
                                                       spread_km=1.5).id)
        return person

    def lives_at(self, person: Person, home: str) -> None:
        person.home = home
        self.scene.link(person_ref(person), "lives_at", ("location", home), self.rng.randrange(60, 900))

    def child_at_home(self, age: int | None, gender: str, *, dob=None, town: str | None = None,
                      parents: int | None = None) -> tuple[Person, list[Person]]:
        """A child living with one or two parents (family records, shared home)."""
        scene, rng = self.scene, self.rng
        town = town or self.town
        home = scene.place("home_address", town, near=self.centre, spread_km=1.5)
        child = scene.person(age, dob=dob, gender=gender, town=town)
        self.lives_at(child, home.id)
        carers = []
        for n in range(rng.choice((1, 2, 2)) if parents is None else parents):
            parent = scene.person(rng.randrange(33, 52), gender=("female", "male")[n], town=town,
                                  surname=child.surname if n == 0 or rng.random() < 0.6 else None)
            self.lives_at(parent, home.id)
            scene.family(child, parent, "parent")
            carers.append(parent)
        if rng.random() < 0.5:
            sibling = scene.person(rng.randrange(5, 24), town=town, surname=child.surname)
            scene.family(child, sibling, "sibling")
        return child, carers

    def looked_after(self, age: int, gender: str, status: str, placement: Place, *,
                     start_days_ago: int, carer: Person | None = None) -> Person:
        """A looked-after child living at ``placement`` (a children's home or foster home)."""
        child = self.scene.person(age, gender=gender, town=placement.town)
        self.lives_at(child, placement.id)
        self.scene.care_status(child, status, start_days_ago)
        if carer is not None:
            self.scene.family(child, carer, "foster_carer")
        return child

    def social_worker(self, town: str | None = None) -> Person:
        return self.scene.person(self.rng.randrange(28, 60), town=town or self.town)

    # places

    def near(self, place: Place, category: str, km: float = 0.15, name: str | None = None) -> Place:
        return self.scene.place(category, place.town, near=(place.lat, place.lon), spread_km=km, name=name)

    def camera(self, place: Place) -> Place:
        road = f"{self.rng.choice(STREET_STEMS)} {self.rng.choice(STREET_KINDS)}"
        return self.near(place, "other", 0.12, name=f"ANPR camera, {road}")

    # events

    def recent(self, low: int = 1, high: int = 330) -> int:
        """A day inside the look-back window, more often lately."""
        return int(self.rng.triangular(low, high, low))

    def repeat_missing(self, child: Person, found_with, places, count: int) -> None:
        """Repeated missing episodes inside the window, found at ``places`` with ``found_with``
        (anyone in the list: all of them are meant to be recent associates of the child)."""
        rng = self.rng
        for _ in range(count):
            company = [rng.choice(found_with)] if found_with and rng.random() < 0.6 else []
            self.scene.missing_episode(child, self.recent(3, 340), missing_hours=rng.randrange(4, 60),
                                       found_location=rng.choice(places), found_with=company,
                                       interview=rng.random() < 0.75)

    def associate(self, adult: Person, child: Person, days_ago: int, summary: str, grade=None) -> None:
        self.scene.reported_link(person_ref(child), "associates_with", person_ref(adult), days_ago,
                                 summary, grade)

    def uses(self, person: Person, vrm: str, days_ago: int = 900) -> None:
        """Keeper or driver of ``vrm``, from a vehicle check long before any journey."""
        self.scene.reported_link(person_ref(person), "uses_vehicle", ("vehicle", self.scene.vrm_as_recorded(vrm)),
                                 days_ago, "Vehicle check: registered keeper and regular driver.",
                                 (self.rng.choice("12"), self.rng.choice("AB")))

    def travelled(self, child: Person, vrm: str, days_ago: int, summary: str) -> None:
        self.scene.reported_link(person_ref(child), "travelled_in",
                                 ("vehicle", self.scene.vrm_as_recorded(vrm)), days_ago, summary)

    def hotspot_activity(self, places, cameras, vehicles, adults, children) -> None:
        """Reads, sightings and reports around the network's places, growing with size; each
        place gets its share, so every hotspot of the network stands out."""
        scene, rng, n = self.scene, self.rng, self.activity
        for _ in range(8 * n):
            scene.sighting(int(rng.triangular(0, 720, 0)), rng.choice(cameras), "anpr",
                           vrm=rng.choice(vehicles), hours=rng.choice(((17, 24), (1, 5))))
        for place in places * n:
            for _ in range(3):
                scene.sighting(int(rng.triangular(0, 720, 0)), place, "cctv", vrm=rng.choice(vehicles),
                               hours=(18, 24))
            scene.reported_link(person_ref(rng.choice(adults)), "frequents", place_ref(place),
                                int(rng.triangular(0, 720, 0)),
                                f"Seen regularly at {place.name}, often late at night.", allow_e=True)
            scene.reported_link(person_ref(rng.choice(children)), "seen_at", place_ref(place),
                                int(rng.triangular(0, 500, 0)),
                                f"Young person seen at {place.name} late in the evening.", allow_e=True)
            scene.reported_link(("vehicle", scene.vrm_as_recorded(rng.choice(vehicles))), "frequents",
                                place_ref(place), int(rng.triangular(0, 720, 0)),
                                "Vehicle parked up for long periods at night.")
            # a child alone at the place: no one to associate with, so no notice evidence
            scene.sighting(int(rng.triangular(0, 500, 0)), place, rng.choice(("partner", "cctv", "officer")),
                           people=[rng.choice(children)], hours=(17, 24))
        for place in places * (n // 2):
            scene.missing_episode(rng.choice(children), int(rng.triangular(3, 600, 3)),
                                  missing_hours=rng.randrange(3, 48), found_location=place,
                                  interview=rng.random() < 0.7)

    def tie_adults(self, adults, days=(20, 500)) -> None:
        """Graded reports that the suspected perpetrators know one another, often more than one."""
        rng = self.rng
        for i, first in enumerate(adults):
            for second in adults[i + 1:]:
                if rng.random() < 0.8:
                    for n in range(rng.choice((1, 1, 2))):
                        self.scene.reported_link(person_ref(first), "associates_with", person_ref(second),
                                                 rng.randrange(*days), "Seen together; believed to be associates.",
                                                 allow_e=n > 0)


def _district(scene: Scene, town: str, reach: float = 0.55) -> tuple[float, float]:
    where = TOWNS[town]
    rng = scene.rng
    return offset_point(where.lat, where.lon, rng.uniform(-reach, reach) * where.radius_km,
                        rng.uniform(-reach, reach) * where.radius_km)


# ----------------------------------------------------------------------------- the four models

def takeaway_hotel(scene: Scene, planted: Planted, name: str, town: str, activity: int) -> None:
    """Adult men who groom children through a takeaway and take them to a hotel."""
    story = Story(scene, planted, name, town, _district(scene, town, 0.3), activity)
    rng, D = story.rng, scene.cal.as_of
    takeaway = scene.place("takeaway", town, near=story.centre, spread_km=0.1)
    hotel = story.near(takeaway, "hotel", 0.25)
    car_park = story.near(hotel, "car_park", 0.08)
    cameras = [story.camera(takeaway), story.camera(hotel)]
    care_home = scene.place("children_home", town, near=story.centre, spread_km=1.2)
    social_worker = story.social_worker()

    manager = story.adult(rng.randrange(40, 48), gender="male", alias=True)
    worker = story.adult(rng.randrange(23, 30), gender="male")
    driver = story.adult(rng.randrange(30, 40), gender="male", alias=True)
    driver2 = story.adult(rng.randrange(25, 35))
    porter = story.adult(rng.randrange(45, 56), gender="male")
    newcomer = story.adult(None, gender="male", dob=years_before(D, 18))  # 18 on the as-of day
    elder = story.adult(rng.randrange(55, 63), gender="male")
    car, car2 = scene.vehicle(), scene.vehicle()
    story.uses(driver, car)
    story.uses(driver2, car2)

    c1, c1_parents = story.child_at_home(14, "female")
    c2, _ = story.child_at_home(None, "female", dob=years_before(D + timedelta(days=1), 16))  # 15; 16 tomorrow
    c3, _ = story.child_at_home(13, "male")
    c4 = story.looked_after(15, "female", "care_order", care_home, start_days_ago=rng.randrange(400, 900))
    c5 = story.looked_after(16, "female", "interim_care_order", care_home, start_days_ago=rng.randrange(60, 200))
    c6, _ = story.child_at_home(16, "male")
    scene.care_status(c6, "accommodated_s20", 700, 420)  # an earlier spell, long over
    c7, _ = story.child_at_home(17, "female")
    c8, _ = story.child_at_home(None, "female", dob=years_before(D, 16))  # 16th birthday on the as-of day
    children = [c1, c2, c3, c4, c5, c6, c7, c8]
    places = [takeaway, hotel, car_park]

    # Who each child has been with lately; repeated episodes draw only on these.
    recent_with = {c1: [worker, manager], c2: [manager], c3: [driver], c4: [driver, newcomer],
                   c5: [porter, driver2], c6: [driver2], c7: [worker], c8: [manager]}
    for child, adults in recent_with.items():
        story.repeat_missing(child, adults, places, rng.randrange(2, 6))
        adult = adults[0]
        scene.missing_episode(child, story.recent(3, 200), missing_hours=rng.randrange(6, 30),
                              found_location=rng.choice(places), found_with=[adult])
        story.associate(adult, child, story.recent(), "Child at risk seen with an older male at the takeaway; "
                        "given free food and phone credit.")
    for child in (c1, c8):
        scene.sighting(story.recent(1, 60), takeaway, "cctv", people=[child, manager], hours=(18, 24))
    scene.sighting(rng.randrange(2, 20), car_park, "officer", people=[c4, newcomer], hours=(20, 24))
    story.travelled(c3, car, story.recent(5, 120), "Boy seen getting into a private hire car outside the takeaway.")
    story.travelled(c5, car2, story.recent(5, 120), "Girl dropped at the hotel by this car.")
    scene.sighting(story.recent(), hotel, "officer", people=[c4, c5], hours=(21, 24))
    scene.sighting(story.recent(), takeaway, "partner", people=[c1, c2, c7], hours=(17, 22))
    # Parties at the hotel: several children with several of the men at once.
    for _ in range(rng.randrange(3, 6)):
        group = rng.sample([c4, c5, c6, c7], 2) + rng.sample([manager, porter, driver, driver2], 2)
        scene.sighting(story.recent(), rng.choice((hotel, car_park)), rng.choice(("cctv", "officer")),
                       people=group, hours=(21, 24))

    # Boundaries of the look-back window: exactly 365 days counts, 366 does not.
    scene.link(person_ref(c2), "associates_with", person_ref(elder), 365,
               intel_id=scene.intel(360, "Girl seen in the company of an older man near the hotel.", ("2", "B")))
    scene.missing_episode(c3, 366, missing_hours=30, found_location=hotel, found_with=[elder])
    scene.reported_link(person_ref(c3), "associates_with", person_ref(elder), 500,
                        "Boy said to spend time at an older man's flat.", ("2", "C"))

    # A malicious report: graded E, so it never counts and the pair is not listed at all.
    neighbour = scene.person(rng.randrange(38, 60), town=town)
    scene.link(person_ref(neighbour), "associates_with", person_ref(c2), story.recent(10, 200),
               intel_id=scene.intel(story.recent(5, 100), "Anonymous call naming a neighbour after a dispute "
                                    "between the families.", ("3", "E")))

    scene.permission_statement(c1, worker, c1_parents[0], 130)
    scene.notice(worker, c1, "s2_caa_1984", 120, "active")
    scene.notice(driver, c3, "s2_caa_1984", 300, "withdrawn")
    scene.notice(manager, c2, "s2_caa_1984", 800, "expired")
    scene.permission_statement(c4, driver, social_worker, rng.randrange(10, 60))

    adults = [manager, worker, driver, driver2, porter, newcomer, elder]
    story.tie_adults(adults[:6])
    scene.reported_link(person_ref(elder), "associates_with", person_ref(manager), 420,
                        "Long-standing friend of the takeaway manager.")
    story.hotspot_activity(places, cameras, [car, car2], adults, children)

    planted.excluded(worker, c1, "active_notice", "active_notice",
                     "An active notice is already in force for this pair.")
    planted.candidate(manager, c1, [S2], "Seen together at the takeaway; a child under 16.")
    planted.candidate(manager, c2, [S2], "Found with her after missing episodes; 16th birthday tomorrow. "
                      "An expired notice does not stop a new one.")
    planted.candidate(elder, c2, [S2], "One report of association exactly 365 days before as-of: inside the window.")
    planted.excluded(elder, c3, "no_recent_evidence", "old_evidence_only",
                     "Found together 366 days before as-of and a report from "
                     "500 days before: nothing inside the window.")
    planted.candidate(driver, c3, [S2], "Travelled in the vehicle this man uses; his earlier notice was withdrawn.")
    planted.candidate(driver, c4, [S2, S49], "Under 16 and under a care order.")
    planted.candidate(newcomer, c4, [S2, S49], "The adult turns 18 on the as-of day.")
    planted.candidate(porter, c5, [S49], "16 and under an interim care order.")
    planted.candidate(driver2, c5, [S49], "Dropped at the hotel in his car; 16 and under an interim care order.")
    planted.excluded(driver2, c6, "child_not_eligible", "child_16_17_no_order",
                     "16, living at home, an s20 spell long ended.")
    planted.excluded(worker, c7, "child_not_eligible", "child_16_17_no_order", "17 and living at home.")
    planted.excluded(manager, c8, "child_not_eligible", "child_16_17_no_order",
                     "Her 16th birthday is the as-of day: 16, no order.")
    planted.excluded(neighbour, c2, "no_recent_evidence", "e_graded_evidence_only", "The only report is "
                     "graded E (suspected malicious), which never counts.")
    planted.network(name, "Adults who groom children through a takeaway (free food, lifts, phone credit) "
                    "and take them to a hotel", children, adults, hotspots=places, vehicles=[car, car2])


def lone_perpetrator(scene: Scene, planted: Planted, name: str, town: str, activity: int) -> None:
    """One adult who meets children at a park and drives them about."""
    story = Story(scene, planted, name, town, _district(scene, town), activity)
    rng = story.rng
    park = scene.place("park", town, near=story.centre, spread_km=0.2)
    lay_by = story.near(park, "car_park", 0.12)
    cameras = [story.camera(lay_by)]
    lone = story.adult(rng.randrange(36, 52), alias=True)
    car = scene.vehicle()
    story.uses(lone, car, rng.randrange(750, 1000))

    d1, _ = story.child_at_home(13, "female")
    d2, _ = story.child_at_home(14, "male")
    d3, d3_parents = story.child_at_home(15, "female")
    d4, _ = story.child_at_home(14, "female")
    places = [park, lay_by]

    story.repeat_missing(d1, [lone], places, rng.randrange(2, 5))
    scene.missing_episode(d1, story.recent(3, 120), missing_hours=8, found_location=park, found_with=[lone])
    scene.sighting(story.recent(1, 90), park, "partner", people=[lone, d1], hours=(15, 21))
    story.travelled(d2, car, story.recent(30, 200), "Boy seen in the front passenger seat of this car.")
    story.travelled(d2, car, story.recent(2, 30), "Boy dropped near the park by the driver of this car.")
    story.repeat_missing(d2, [], [park, lay_by], rng.randrange(1, 3))
    story.associate(lone, d3, story.recent(20, 150), "Girl's mother reports messages and gifts from this man.",
                    ("1", "B"))
    story.repeat_missing(d3, [], places, rng.randrange(1, 4))
    scene.permission_statement(d3, lone, d3_parents[0], rng.randrange(5, 20))
    scene.sighting(700, park, "officer", people=[lone, d4], hours=(16, 21))
    scene.missing_episode(d4, 400, missing_hours=12, found_location=lay_by, found_with=[lone])
    scene.notice(lone, d4, "s2_caa_1984", 390, "withdrawn")
    story.repeat_missing(d4, [], places, rng.randrange(1, 3))

    children = [d1, d2, d3, d4]
    story.hotspot_activity(places, cameras, [car], [lone], children)

    planted.candidate(lone, d1, [S2], "Found with him after a missing episode and seen together at the park.")
    planted.candidate(lone, d2, [S2], "Only evidence: travelled in the car he uses.")
    planted.candidate(lone, d3, [S2], "Graded report of association; a permission statement is held.")
    planted.excluded(lone, d4, "no_recent_evidence", "old_evidence_only",
                     "Seen together 700 days and found together 400 days "
                     "before as-of; nothing since.")
    planted.network(name, "A lone adult who meets children at a park and drives them about",
                    children, [lone], hotspots=places, vehicles=[car])


def peer_recruitment(scene: Scene, planted: Planted, name: str, town: str, activity: int) -> None:
    """An older teenager (a child at risk too) recruits peers for two young adults."""
    story = Story(scene, planted, name, town, _district(scene, town), activity)
    rng, D = story.rng, scene.cal.as_of
    school = scene.place("school", town, near=story.centre, spread_km=0.3)
    park = story.near(school, "park", 0.3)
    boyfriend = story.adult(19, gender="male")
    flat = story.near(park, "home_address", 0.5)
    host = story.adult(rng.randrange(22, 27), gender="male", alias=True, home=flat.id)
    cameras = [story.camera(flat)]
    car = scene.vehicle()
    story.uses(host, car, rng.randrange(400, 800))
    care_home = scene.place("children_home", town, near=story.centre, spread_km=1.0)

    recruiter, _ = story.child_at_home(None, rng.choice(("female", "male")),
                                       dob=years_before(D + timedelta(days=1), 18))  # 17; 18 tomorrow
    e1, _ = story.child_at_home(14, "female")
    e2, _ = story.child_at_home(15, "female")
    e3, _ = story.child_at_home(15, "male")
    e4 = story.looked_after(16, "female", "accommodated_s20", care_home, start_days_ago=rng.randrange(100, 500))
    e5, _ = story.child_at_home(13, "female")
    peers = [e1, e2, e3, e4, e5]
    places = [park, flat]

    for peer in peers:
        story.associate(recruiter, peer, story.recent(), "Older pupil introducing younger pupils to adult "
                        "men; invitations to 'parties'.")
        scene.sighting(story.recent(), rng.choice((school, park)), "partner", people=[recruiter, peer], hours=(15, 20))
    scene.missing_episode(recruiter, story.recent(3, 100), missing_hours=30, found_location=flat,
                          found_with=[boyfriend])
    story.repeat_missing(recruiter, [boyfriend, host], places, rng.randrange(2, 5))
    scene.missing_episode(e1, story.recent(3, 150), found_location=flat, found_with=[boyfriend])
    scene.sighting(story.recent(), park, "officer", people=[boyfriend, e2], hours=(18, 23))
    story.travelled(e3, car, story.recent(), "Boy seen in the back of this car with the older teenager.")
    scene.missing_episode(e5, story.recent(3, 150), found_location=flat, found_with=[host, recruiter])
    scene.missing_episode(e4, story.recent(3, 150), found_location=flat, found_with=[host])
    story.associate(boyfriend, e4, story.recent(), "Girl says the older boy is her boyfriend.")
    story.repeat_missing(e1, [boyfriend], places, rng.randrange(1, 4))
    story.repeat_missing(e4, [host], places, rng.randrange(2, 5))
    story.repeat_missing(e5, [host], places, rng.randrange(1, 3))
    scene.reported_link(person_ref(recruiter), "associates_with", person_ref(host), story.recent(),
                        "Teenager seen collecting cash and phones from the man at the flat.")
    story.tie_adults([boyfriend, host])
    story.hotspot_activity(places, cameras, [car], [boyfriend, host], [recruiter, *peers])

    for peer in (e1, e2, e3, e5):
        planted.excluded(recruiter, peer, "adult_under_18", "adult_under_18",
                         "The recruiter is 17 (18 tomorrow): a child too; "
                         "route to safeguarding, never a notice.")
    planted.excluded(boyfriend, recruiter, "child_not_eligible", "child_16_17_no_order",
                     "The recruiter is 17, at home, no order.")
    planted.candidate(boyfriend, e1, [S2], "Found with him at the flat.")
    planted.candidate(boyfriend, e2, [S2], "Seen together at the park by an officer.")
    planted.candidate(host, e3, [S2], "Travelled in the host's car.")
    planted.candidate(host, e5, [S2], "Found with him at the flat.")
    planted.excluded(host, e4, "child_not_eligible", "child_16_17_accommodated_s20",
                     "16 and accommodated under s20: not eligible under s49.")
    planted.network(name, "An older teenager recruits peers from school for young adult men; "
                    "parties at a flat", [recruiter, *peers], [boyfriend, host], hotspots=places,
                    vehicles=[car], recruiters=[recruiter])


def cross_town(scene: Scene, planted: Planted, name: str, town: str, other_town: str, activity: int) -> None:
    """A network that moves children from one town to another."""
    story = Story(scene, planted, name, town, _district(scene, town), activity)
    away = Story(scene, planted, name, other_town, _district(scene, other_town), activity)
    rng = story.rng
    pick_up = scene.place("car_park", town, near=story.centre, spread_km=0.2)
    hotel = scene.place("hotel", other_town, near=away.centre, spread_km=0.2)
    flat = away.near(hotel, "home_address", 0.4)
    cameras = [story.camera(pick_up), away.camera(hotel), away.camera(flat)]
    foster_home = scene.place("home_address", town, near=story.centre, spread_km=1.5)
    care_home = scene.place("children_home", other_town, near=away.centre, spread_km=1.0)
    social_worker = story.social_worker()
    social_worker_away = away.social_worker()

    organiser = away.adult(rng.randrange(42, 52), gender="male", alias=True)
    driver = story.adult(rng.randrange(28, 38), gender="male")
    flat_holder = away.adult(rng.randrange(33, 45), gender="male", home=flat.id)
    car = scene.vehicle()
    story.uses(driver, car)
    foster_carer = scene.person(rng.randrange(45, 60), gender="female", town=town)
    story.lives_at(foster_carer, foster_home.id)

    g1 = story.looked_after(15, "female", "interim_care_order", foster_home,
                            start_days_ago=rng.randrange(150, 300), carer=foster_carer)
    g2, _ = story.child_at_home(14, "female", parents=1)
    stepfather = story.adult(rng.randrange(36, 46), gender="male", home=g2.home)
    scene.family(g2, stepfather, "parental_responsibility")
    scene.care_status(g2, "police_protection", 700, 698)
    g3, _ = story.child_at_home(15, "male", parents=1)
    scene.care_status(g3, "care_order", 900, 300)
    scene.care_status(g3, "none", 299)
    g4, _ = away.child_at_home(17, "female", parents=0)
    grandmother = scene.person(rng.randrange(60, 72), gender="female", town=other_town, surname=g4.surname)
    scene.family(g4, grandmother, "special_guardian")
    scene.care_status(g4, "care_order", 1000, 200)
    g5, _ = away.child_at_home(16, "female")
    g6 = away.looked_after(14, "female", "care_order", care_home, start_days_ago=rng.randrange(300, 700))
    mother6 = scene.person(rng.randrange(32, 44), gender="female", town=town, surname=g6.surname)
    scene.family(g6, mother6, "parent")
    children = [g1, g2, g3, g4, g5, g6]
    places_home, places_away = [pick_up], [hotel, flat]

    scene.missing_episode(g1, story.recent(3, 200), missing_hours=40, found_location=hotel, found_with=[organiser])
    story.travelled(g1, car, story.recent(), "Girl seen in this car on the motorway towards the other town.")
    story.repeat_missing(g1, [organiser], places_away, rng.randrange(2, 5))
    scene.missing_episode(g2, story.recent(3, 150), missing_hours=30, found_location=flat, found_with=[stepfather])
    scene.missing_episode(g2, story.recent(3, 150), missing_hours=20, found_location=pick_up, found_with=[driver])
    story.repeat_missing(g2, [driver], places_home + places_away, rng.randrange(1, 4))
    scene.missing_episode(g3, story.recent(3, 150), missing_hours=12, found_location=pick_up, found_with=[driver])
    story.repeat_missing(g3, [driver], places_home, rng.randrange(1, 3))
    scene.missing_episode(g4, story.recent(3, 150), missing_hours=20, found_location=flat, found_with=[flat_holder])
    story.repeat_missing(g4, [flat_holder], places_away, rng.randrange(1, 4))
    story.associate(organiser, g5, story.recent(), "Girl seen getting out of the organiser's taxi at the hotel.")
    story.repeat_missing(g5, [], places_away, rng.randrange(1, 3))
    scene.missing_episode(g6, story.recent(3, 200), missing_hours=50, found_location=pick_up, found_with=[mother6])
    scene.missing_episode(g6, story.recent(3, 200), missing_hours=30, found_location=flat, found_with=[flat_holder])
    story.repeat_missing(g6, [flat_holder], places_away, rng.randrange(1, 4))
    # Children moved in groups: seen together with the men at each end of the journey.
    for _ in range(rng.randrange(2, 4)):
        scene.sighting(story.recent(), hotel, "cctv", people=[g1, g2, g4, driver, organiser], hours=(20, 24))
        scene.sighting(story.recent(), pick_up, "officer", people=[g2, g3, driver, flat_holder], hours=(18, 23))
        scene.sighting(story.recent(), flat, "partner", people=[g5, g6, flat_holder, organiser], hours=(17, 23))
    scene.notice(organiser, g1, "s49_ca_1989", rng.randrange(10, 40), "active")
    scene.permission_statement(g1, organiser, social_worker, rng.randrange(45, 60))
    scene.permission_statement(g6, flat_holder, social_worker_away, rng.randrange(5, 40))

    adults = [organiser, driver, flat_holder, stepfather]
    story.tie_adults(adults)
    story.hotspot_activity(places_home + places_away, cameras, [car], adults, children)

    planted.excluded(organiser, g1, "active_notice", "active_notice", "An active s49 notice is already in force.")
    planted.candidate(driver, g1, [S2, S49], "Travelled in his car; 15, under an interim care order.")
    planted.excluded(stepfather, g2, "connected_person", "connected_person",
                     "Her stepfather holds parental responsibility: "
                     "s2 does not apply to a connected person, and she is under no order.")
    planted.candidate(driver, g2, [S2], "Found with him at the pick-up car park.")
    planted.candidate(driver, g3, [S2], "15; his care order has ended, which does not matter under 16.")
    planted.excluded(flat_holder, g4, "child_not_eligible", "child_16_17_order_ended",
                     "17 and her care order has ended.")
    planted.excluded(organiser, g5, "child_not_eligible", "child_16_17_no_order", "16, at home, no order.")
    planted.candidate(mother6, g6, [S49], "Her mother is connected, so not s2; but she is under a care "
                      "order, so s49 applies.")
    planted.candidate(flat_holder, g6, [S2, S49], "Found with him at the flat.")
    planted.network(name, "A network that moves children between two towns by car, to a hotel and a flat",
                    children, adults, hotspots=places_home + places_away, vehicles=[car])


def plant(scene: Scene, copies: int, activity: int) -> Planted:
    """``copies`` networks of each model, alternating between the two towns."""
    planted = Planted()
    for n in range(copies):
        suffix = "" if n == 0 else f"_{n + 1}"
        here, there = ("home", "away") if n % 2 == 0 else ("away", "home")
        takeaway_hotel(scene, planted, f"takeaway_hotel{suffix}", here, activity)
        lone_perpetrator(scene, planted, f"lone_perpetrator{suffix}", here, activity)
        peer_recruitment(scene, planted, f"peer_recruitment{suffix}", there, activity)
        cross_town(scene, planted, f"cross_town{suffix}", here, there, activity)
    return planted
