"""Everything else a town's intelligence picture holds: the background the networks hide in.

Households with children, friendship circles of adults and of teenagers, people of interest
with no known address, cars and their ANPR reads, graded reports about ordinary comings and
goings (some graded E, some with handling conditions), missing episodes of children known to
services, looked-after children, a few unrelated concerns about teenagers and young adults with
their notices, and a handful of records that look like the same person written twice.

Adults and children meet in ordinary ways too, and the background says so, because a ranking
that only has to tell networks from a town where adults never meet children learns nothing:
youth workers and coaches seen with the children of their sessions, children found after a
missing episode at a relative's or a family friend's home (recorded as family only half the
time), and adults who offend together, tied strongly with no child among them.

Town centres are where ordinary children and unrelated adults are seen together most
(:func:`_town_centres`): each town has a shopping centre, a bus station, a leisure centre and a
fast-food restaurant, busy all day, where officers, partners and CCTV operators record
teenagers with older friends of 18 to 20, families eating out with their children's friends,
pupils waiting for buses with the staff on duty, groups stopped in the same incident as
passing adults, and children found there after ordinary missing episodes. Every one of these
is a "sign" a hot spot ranking reads (a child with an adult not their family, a child found
after a missing episode, graded reports placing children there), in places that are busy in
every other way too.

The amount grows with the scenario's record budget; the shape stays the same. Background
people are drawn from the same pools (names, ethnicity, gender) as the planted ones.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest.scenario.scene import Person, Place, Scene, person_ref, place_ref
from ingest.scenario.world import STREET_ALIASES, STREET_STEMS, TOWNS

#: Background records per unit; one unit is about 1,000 records.
HOUSEHOLDS = 28
LONE_ADULTS = 28
VENUES = 4
CAMERAS = 1
VEHICLES = 35
REPORTS = 140
SIGHTINGS = 240
CONCERNS = 1
YOUTH_GROUPS = 0.12
CO_OFFENDER_GROUPS = 0.15
#: Share of teenagers found once or twice at a relative's or a family friend's.
FOUND_AT_RELATIVES = 0.08
#: Town-centre hubs of each town (category, name), and what happens there per unit over the
#: three years: sightings of children with unrelated adults, missing episodes ending there,
#: graded reports placing pupils there.
HUBS = (("shop", "Shopping Centre"), ("other", "Bus Station"), ("other", "Leisure Centre"),
        ("takeaway", "Burger Restaurant"))
HUB_SIGHTINGS = 4.0
HUB_FOUND = 0.8
HUB_REPORTS = 1.0

VENUE_CATEGORIES = (("shop", 20), ("licensed_premises", 12), ("takeaway", 12), ("school", 6),
                    ("park", 8), ("car_park", 8), ("hotel", 4), ("taxi_rank", 4),
                    ("children_home", 3), ("other", 8))
ALL_GRADES = [(s, a, h) for s in "123" for a in "ABCDE" for h in "PC"]
SUMMARIES = {
    "together": ("Seen together in the town centre; believed to be friends.",
                 "Named as a friend by a partner agency.",
                 "Stopped together on foot; nothing of concern found.",
                 "Neighbours say they spend a lot of time together.",
                 "Drink together at local pubs, according to bar staff."),
    "place": ("Seen at {place}.", "A regular at {place}, according to staff.",
              "Stop and account near {place}.", "CCTV operator noted the subject at {place}."),
    "passenger": ("Passenger in this vehicle at a stop check.", "Seen getting out of this vehicle in town.",
                  "Given lifts in this vehicle, according to a neighbour."),
    "other": ("Information about a disagreement between neighbours.",
              "Anonymous information about a noise complaint; no further action.",
              "Report of a lost phone; no further action.",
              "Partner agency information about rent arrears; no police action."),
}


@dataclass
class Town:
    """What the background knows about the people and places it made."""

    adults: list[Person] = field(default_factory=list)
    teenagers: list[Person] = field(default_factory=list)
    young_adults: list[Person] = field(default_factory=list)
    unknown_age: list[Person] = field(default_factory=list)
    #: friendship circles by kind ("adults", "teenagers", "young_adults"); never mixed (adults
    #: meet children through youth groups, relatives and concerns instead)
    circles: dict[str, list[list[Person]]] = field(default_factory=dict)
    venues: list[Place] = field(default_factory=list)
    cameras: list[Place] = field(default_factory=list)
    vehicles: list[tuple[str, Person]] = field(default_factory=list)
    duplicates: list[dict] = field(default_factory=list)
    #: households with children: (parents, children, home)
    households: list[tuple[list[Person], list[Person], Place]] = field(default_factory=list)
    #: each town's centre: its busy places (:data:`HUBS`)
    hubs: dict[str, list[Place]] = field(default_factory=dict)


def generate(scene: Scene, units: float, extra_venues=(), planted_adults=(), planted_children=()) -> Town:
    """Write about ``units`` thousand background records; returns what was made.

    ``planted_adults`` and ``planted_children`` (the networks' people) get a few ordinary
    acquaintances here, so no network is an island in the picture.
    """
    rng = scene.rng
    town = Town()
    _places(scene, town, units, extra_venues)
    _households(scene, town, round(HOUSEHOLDS * units))
    _lone_adults(scene, town, round(LONE_ADULTS * units))
    _circles(scene, town)
    _vehicles(scene, town, round(VEHICLES * units))
    _reports(scene, town, round(REPORTS * units))
    _sightings(scene, town, round(SIGHTINGS * units))
    _missing(scene, town)
    _concerns(scene, town, max(1, round(CONCERNS * units)))
    _acquaintances(scene, town, planted_adults, planted_children)
    _duplicates(scene, town, max(3, round(units / 3)))
    rng.shuffle(town.duplicates)
    _youth_groups(scene, town, max(1, round(YOUTH_GROUPS * units)))
    _found_at_relatives(scene, town)
    _co_offenders(scene, town, max(1, round(CO_OFFENDER_GROUPS * units)))
    _town_centres(scene, town, units)
    return town


def _town_key(scene: Scene) -> str:
    return "home" if scene.rng.random() < 0.65 else "away"


def _places(scene: Scene, town: Town, units: float, extra_venues) -> None:
    rng = scene.rng
    categories = [c for c, _ in VENUE_CATEGORIES]
    weights = [w for _, w in VENUE_CATEGORIES]
    for category in rng.choices(categories, weights, k=max(40, round(VENUES * units))):
        town.venues.append(scene.place(category, _town_key(scene)))
    # The planted networks' venues are ordinary places too: people who have nothing to do
    # with any network buy food and stay there.
    town.venues.extend(extra_venues)
    for _ in range(max(12, round(CAMERAS * units))):
        key = _town_key(scene)
        town.cameras.append(scene.place("other", key, spread_km=TOWNS[key].radius_km / 1.5,
                                        name=f"ANPR camera {rng.randrange(1, 60):02d}"))


def _households(scene: Scene, town: Town, count: int) -> None:
    rng = scene.rng
    for _ in range(count):
        key = _town_key(scene)
        home = scene.place("home_address", key, spread_km=TOWNS[key].radius_km / 1.6)
        surname = None
        parents = []
        for n in range(rng.choice((1, 2, 2, 2))):
            parent = scene.person(rng.randrange(24, 62), gender=("female", "male")[n] if rng.random() < 0.9 else None,
                                  town=key, surname=surname)
            surname = surname or parent.surname
            parents.append(parent)
        children = [scene.person(rng.randrange(0, 18), town=key, surname=surname if rng.random() < 0.8 else None)
                    for _ in range(rng.choice((0, 0, 1, 1, 2, 2, 3)))]
        grown = [scene.person(rng.randrange(18, 23), town=key, surname=surname)
                 for _ in range(1 if rng.random() < 0.15 else 0)]
        for person in parents + children + grown:
            person.home = home.id
            if rng.random() < 0.6:
                scene.link(person_ref(person), "lives_at", place_ref(home), rng.randrange(0, 1000))
        for child in children + grown:
            for parent in parents:
                scene.family(child, parent, "parent" if rng.random() < 0.85 else
                             rng.choice(("guardian", "parental_responsibility", "other_relative")))
            for sibling in children + grown:
                if sibling is not child and rng.random() < 0.5:
                    scene.family(child, sibling, "sibling")
        town.adults.extend(parents)
        town.young_adults.extend(grown)
        if children and parents:
            town.households.append((parents, children, home))
        town.teenagers.extend(c for c in children if c.dob and scene.cal.as_of.year - c.dob.year >= 11)


def _lone_adults(scene: Scene, town: Town, count: int) -> None:
    """People of interest known from intelligence, often without an address or a date of birth."""
    rng = scene.rng
    for _ in range(count):
        age = int(rng.triangular(16, 70, 24))
        aliases = rng.sample(STREET_ALIASES, rng.choice((0,) * 17 + (1, 1, 2)))
        person = scene.person(age, town=_town_key(scene), aliases=aliases, dob_known=rng.random() > 0.1)
        if person.dob is None:
            town.unknown_age.append(person)
        if person.dob is not None and age < 18:
            town.teenagers.append(person)
        elif age < 23:
            town.young_adults.append(person)
        else:
            town.adults.append(person)


def _circles(scene: Scene, town: Town) -> None:
    """Friendship circles of four to thirteen: adults, teenagers, young adults, each apart."""
    rng = scene.rng
    for kind, people in (("adults", town.adults), ("teenagers", town.teenagers),
                         ("young_adults", town.young_adults)):
        pool = list(people)
        rng.shuffle(pool)
        circles = town.circles[kind] = []
        start = 0
        while start < len(pool):
            size = rng.randrange(4, 14)
            circles.append(pool[start:start + size])
            start += size


def _vehicles(scene: Scene, town: Town, count: int) -> None:
    rng = scene.rng
    drivers = town.adults + town.young_adults
    for _ in range(count):
        vrm = scene.vehicle()
        if rng.random() < 0.9:
            driver = rng.choice(drivers)
            town.vehicles.append((vrm, driver))
            # the keeper check comes first: later journeys in the car are dated after it
            scene.reported_link(person_ref(driver), "uses_vehicle", ("vehicle", scene.vrm_as_recorded(vrm)),
                                rng.randrange(900, 1095), "Vehicle check: keeper.",
                                (rng.choice("12"), rng.choice("AB")), handling="P")


def _reports(scene: Scene, town: Town, count: int) -> None:
    """Graded reports, each behind zero to three links; the first thirty cover every grade."""
    rng = scene.rng
    kinds = [k for k in ("adults", "adults", "adults", "young_adults", "teenagers") if town.circles.get(k)]
    grown_up = town.circles.get("adults", []) + town.circles.get("young_adults", [])
    # Some places are busier than others (a shopping centre, a station): a long-tailed draw.
    venue_order = list(town.venues)
    rng.shuffle(venue_order)
    busy = list(itertools.accumulate(1.0 / (1 + i) ** 0.6 for i in range(len(venue_order))))
    for n in range(count):
        if n < len(ALL_GRADES):
            source, assessment, handling = ALL_GRADES[n]
        else:
            (source, assessment), handling = scene.grade(), None
        days_ago = rng.randrange(0, 1095)
        kind = rng.random()
        circles = town.circles[rng.choice(kinds)]
        circle = rng.choice(circles)
        person = rng.choice(circle)
        if kind < 0.45:
            other = rng.choice(circle) if rng.random() < 0.85 else rng.choice(rng.choice(circles))
            summary = rng.choice(SUMMARIES["together"])
            links = [] if other is person else [(person_ref(person), "associates_with", person_ref(other))]
        elif kind < 0.75:
            place = rng.choices(venue_order, cum_weights=busy)[0]
            relation = "seen_at" if rng.random() < 0.6 else "frequents"
            summary = rng.choice(SUMMARIES["place"]).format(place=place.name)
            links = [(person_ref(person), relation, place_ref(place))]
            if rng.random() < 0.3:
                links.append((person_ref(rng.choice(circle)), relation, place_ref(place)))
        elif kind < 0.9 and town.vehicles:
            vrm, driver = rng.choice(town.vehicles)
            passenger = rng.choice(rng.choice(grown_up))
            summary = rng.choice(SUMMARIES["passenger"])
            links = [] if passenger is driver else [
                (person_ref(passenger), "travelled_in", ("vehicle", scene.vrm_as_recorded(vrm)))]
            days_ago = rng.randrange(0, 880)
        else:
            summary, links = rng.choice(SUMMARIES["other"]), []
        intel_id = scene.intel(days_ago, summary, (source, assessment), handling=handling)
        for subject, relation, obj in links:
            scene.link(subject, relation, obj, days_ago + rng.randrange(0, 5), intel_id=intel_id,
                       dated=rng.random() < 0.85)


def _sightings(scene: Scene, town: Town, count: int) -> None:
    rng = scene.rng
    vehicles = [v for v, _ in town.vehicles] or ["AB12 CDE"]
    anpr = int(count * 0.72)
    for camera, vrm in zip(rng.choices(town.cameras, k=anpr), rng.choices(vehicles, k=anpr), strict=False):
        scene.sighting(rng.randrange(0, 1095), camera, "anpr", vrm=vrm)
    circles = [c for kind in ("adults", "young_adults", "teenagers") for c in town.circles.get(kind, ())]
    for _ in range(count - anpr):
        circle = rng.choice(circles)
        people = rng.sample(circle, min(len(circle), rng.choice((1, 1, 2, 2, 3))))
        with_car = town.vehicles and rng.random() < 0.15
        scene.sighting(rng.randrange(0, 1095), rng.choice(town.venues), rng.choice(("officer", "partner", "cctv")),
                       vrm=rng.choice(vehicles) if with_car else None, people=people)


def _missing(scene: Scene, town: Town) -> None:
    """Children known to services: repeated episodes, found with friends, some in care."""
    rng = scene.rng
    peers_of = {p.id: circle for circle in town.circles.get("teenagers", ()) for p in circle}
    homes = [v for v in town.venues if v.category in ("park", "shop", "takeaway", "other")]
    for child in town.teenagers:
        if rng.random() > 0.3:
            continue
        in_care = rng.random() < 0.12
        if in_care:
            status = rng.choice(("care_order", "care_order", "interim_care_order", "accommodated_s20"))
            started = rng.randrange(120, 1500)
            if rng.random() < 0.3:  # an order that has ended
                scene.care_status(child, status, started, rng.randrange(40, started - 30))
            else:
                scene.care_status(child, status, started)
        elif rng.random() < 0.05:
            scene.care_status(child, rng.choice(("emergency_protection_order", "police_protection")),
                              900, 897)
            scene.care_status(child, "none", 896)
        for _ in range(rng.choice((1, 1, 2, 3, 5))):
            peers = [p for p in peers_of.get(child.id, ()) if p is not child]
            company = [rng.choice(peers)] if peers and rng.random() < 0.4 else []
            found = rng.randrange(3, 1095)
            if rng.random() < 0.03:
                scene.missing_episode(child, None, reported_days_ago=rng.randrange(0, 3))
                continue
            scene.missing_episode(child, found, missing_hours=rng.randrange(2, 72),
                                  found_location=rng.choice(homes) if homes and rng.random() < 0.6 else None,
                                  found_with=company, interview=rng.random() < 0.7)
    for adult in rng.sample(town.adults, min(len(town.adults), len(town.adults) // 60)):
        scene.missing_episode(adult, rng.randrange(3, 1095), missing_hours=rng.randrange(6, 96))


def _concerns(scene: Scene, town: Town, count: int) -> None:
    """Teenagers seen with young adults outside any network; some already have notices."""
    rng = scene.rng
    if not town.teenagers or not town.young_adults:
        return
    social_workers = rng.sample(town.adults, min(5, len(town.adults)))
    for _ in range(count):
        child = rng.choice(town.teenagers)
        adult = rng.choice(town.unknown_age if town.unknown_age and rng.random() < 0.15 else town.young_adults)
        day = rng.randrange(3, 700)
        scene.missing_episode(child, day, missing_hours=rng.randrange(6, 40),
                              found_location=rng.choice(town.venues), found_with=[adult])
        if rng.random() < 0.5:
            scene.sighting(rng.randrange(0, 700), rng.choice(town.venues), "partner", people=[child, adult])
        if rng.random() < 0.4:
            scene.permission_statement(child, adult, rng.choice(social_workers), max(day - 5, 0))
            scene.notice(adult, child, "s2_caa_1984", max(day - 10, 0),
                         rng.choice(("active", "withdrawn", "expired")))


def _acquaintances(scene: Scene, town: Town, adults, children) -> None:
    """Network adults know ordinary adults; network children have friends of their own age.
    Fewer and weaker ties than the network's own (hearsay-graded reports), and never between a
    child and an adult, so no network is an island and none dissolves into the town."""
    rng = scene.rng
    grown_ups = town.adults + town.young_adults
    for person, pool in [(a, grown_ups) for a in adults] + [(c, town.teenagers) for c in children]:
        for friend in rng.sample(pool, min(len(pool), rng.choice((0, 0, 1, 1, 1, 2)))):
            grade = (rng.choice("23"), rng.choice("CDDE"))
            scene.reported_link(person_ref(person), "associates_with", person_ref(friend), rng.randrange(30, 1000),
                                "Known associate; nothing of concern reported.", grade, allow_e=True)


def _duplicates(scene: Scene, town: Town, count: int) -> None:
    """The same person written again by another system: same name and date of birth, names
    transposed, or known under an alias. Listed in the answer key as possible duplicates."""
    rng = scene.rng
    people = [p for p in town.adults if p.dob]
    for original, how in zip(rng.sample(people, min(count, len(people))),
                             itertools.cycle(("same_name_dob", "transposed_names", "alias"))):
        same = {"dob": original.dob, "gender": original.gender, "town": original.town}
        if how == "same_name_dob":
            copy = scene.person(**same, forename=original.forename, surname=original.surname)
        elif how == "transposed_names":
            copy = scene.person(**same, forename=original.surname, surname=original.forename)
        else:  # known by a street name, with the full name recorded as an alias
            copy = scene.person(**same, forename=rng.choice(STREET_ALIASES), surname=original.surname,
                                aliases=[f"{original.forename} {original.surname}"])
        town.duplicates.append({"person_ids": sorted([original.id, copy.id]), "reason": how})


def _youth_groups(scene: Scene, town: Town, count: int) -> None:
    """Youth workers and sports coaches with the children of their sessions: partner and
    officer sightings at a park or school, and a report that the adult runs sessions there.
    One adult seen with many unrelated children, and nothing else: an ordinary group that a
    ranking counting children around adults would put first."""
    rng = scene.rng
    venues = [v for v in town.venues if v.category in ("park", "school")]
    if not venues or len(town.teenagers) < 12 or not town.adults:
        return
    for _ in range(count):
        leaders = rng.sample(town.adults, rng.choice((1, 1, 2)))
        children = rng.sample(town.teenagers, rng.randrange(6, 13))
        venue = rng.choice(venues)
        for leader in leaders:
            scene.reported_link(person_ref(leader), "frequents", place_ref(venue), rng.randrange(30, 900),
                                f"Runs youth sessions at {venue.name}, according to the council.",
                                (rng.choice("12"), rng.choice("AB")), handling="P")
        for _ in range(rng.randrange(3, 8)):
            group = rng.sample(children, rng.randrange(3, len(children)))
            scene.sighting(rng.randrange(0, 1000), venue, rng.choice(("partner", "officer")),
                           people=[rng.choice(leaders), *group], hours=(9, 20))


def _found_at_relatives(scene: Scene, town: Town) -> None:
    """Children found after a missing episode at a grandparent's, an aunt's or a family
    friend's: an adult tied to a child by a missing episode, recorded as family half the time."""
    rng = scene.rng
    if not town.adults:
        return
    homes = {id(parent): home for parents, _, home in town.households for parent in parents}
    for child in town.teenagers:
        if rng.random() > FOUND_AT_RELATIVES:
            continue
        adult = rng.choice(town.adults)
        if rng.random() < 0.5:
            scene.family(child, adult, "other_relative")
        for _ in range(rng.choice((1, 1, 2))):
            # found at the adult's home when it is known (a grandmother's, a family friend's)
            scene.missing_episode(child, rng.randrange(3, 1095), missing_hours=rng.randrange(3, 30),
                                  found_with=[adult], found_location=homes.get(id(adult)),
                                  interview=rng.random() < 0.8)


def _co_offenders(scene: Scene, town: Town, count: int) -> None:
    """Adults who offend together (shoplifting, drugs): well-graded reports of association,
    lifts in each other's cars, stopped together at night at car parks, taxi ranks and pubs.
    Tightly tied, and no child among them."""
    rng = scene.rng
    pool = town.adults + town.young_adults
    venues = [v for v in town.venues if v.category in ("car_park", "taxi_rank", "licensed_premises")]
    if len(pool) < 6 or not venues:
        return
    # Each group's drivers are looked up, not searched for among every vehicle: a region's towns
    # have hundreds of thousands of vehicles and tens of thousands of groups.
    vehicles_of: dict[Person, list[tuple[int, str]]] = {}
    for position, (vrm, driver) in enumerate(town.vehicles):
        vehicles_of.setdefault(driver, []).append((position, vrm))
    for _ in range(count):
        group = rng.sample(pool, rng.randrange(3, 7))
        for _ in range(rng.randrange(3, 9)):
            a, b = rng.sample(group, 2)
            scene.reported_link(person_ref(a), "associates_with", person_ref(b), rng.randrange(0, 900),
                                "Arrested together; suspected of shoplifting to order.",
                                (rng.choice("12"), rng.choice("AB")))
        drivers = [(vrm, driver) for _, vrm, driver in
                   sorted((position, vrm, member) for member in set(group) for position, vrm in vehicles_of.get(member, ()))]
        for vrm, driver in drivers[:2]:
            for passenger in rng.sample(group, min(2, len(group))):
                if passenger is not driver:
                    scene.reported_link(person_ref(passenger), "travelled_in", ("vehicle", scene.vrm_as_recorded(vrm)),
                                        rng.randrange(0, 800), "Passenger in this vehicle at a stop check.",
                                        ("1", rng.choice("AB")))
        for _ in range(rng.randrange(2, 6)):
            scene.sighting(rng.randrange(0, 900), rng.choice(venues), "officer",
                           people=rng.sample(group, rng.randrange(2, len(group) + 1)), hours=(19, 23))


def _town_centres(scene: Scene, town: Town, units: float) -> None:
    """Each town's busy centre, where ordinary children are seen with adults who are not their
    family and not of concern, all day: teenagers of 14 to 17 with friends of 18 to 20, a
    parent taking their children and a friend of theirs to eat, pupils waiting for buses after
    school with staff on duty, groups stopped in the same incident as passing adults; children
    found there by officers after ordinary missing episodes; graded reports that pupils gather
    there. None of it is exploitation, all of it looks like its signs."""
    rng = scene.rng
    for key in ("home", "away"):
        hubs = [scene.place(category, key, spread_km=TOWNS[key].radius_km / 8,
                            name=f"{rng.choice(STREET_STEMS)} {name}") for category, name in HUBS]
        town.hubs[key] = hubs
        town.venues.extend(hubs)
    teenagers = [t for t in town.teenagers if t.dob and scene.cal.as_of.year - t.dob.year >= 13]
    # Looked up, not searched: a region's towns hold hundreds of thousands of teenagers.
    position_of = {t: i for i, t in enumerate(teenagers)}
    friends = town.young_adults
    households = [h for h in town.households if any(c in position_of for c in h[1])]
    if not teenagers or not friends or not town.adults:
        return
    share = {"home": 0.65, "away": 0.35}
    for key, hubs in town.hubs.items():
        shopping, buses, leisure, food = hubs
        for _ in range(max(2, round(HUB_SIGHTINGS * units * share[key]))):
            kind = rng.random()
            day = rng.randrange(0, 1095)
            if kind < 0.35:  # teenagers with older friends, not family
                people = [*_some(rng, teenagers, rng.choice((1, 1, 2, 3))), *_some(rng, friends, rng.choice((1, 1, 2)))]
                scene.sighting(day, rng.choice((shopping, buses, food, leisure)), rng.choice(("cctv", "officer")),
                               people=people, hours=(12, 22))
            elif kind < 0.55 and households:  # a parent, their child and the child's friend, eating out
                parents, children, _ = rng.choice(households)
                child = rng.choice([c for c in children if c in position_of] or children)
                friend = _some(rng, _Without(teenagers, position_of.get(child)), 1)
                scene.sighting(day, rng.choice((food, shopping, leisure)), rng.choice(("cctv", "partner")),
                               people=[rng.choice(parents), child, *friend], hours=(11, 21))
            elif kind < 0.8:  # pupils waiting for buses after school, a member of staff on duty
                staff = rng.choice(town.adults)
                scene.sighting(day, buses, "partner", people=[staff, *_some(rng, teenagers, rng.randrange(2, 6))],
                               hours=(15, 17))
            else:  # a disturbance: everyone there stopped and named, children and passing adults
                scene.sighting(day, rng.choice(hubs), "officer",
                               people=[*_some(rng, teenagers, rng.randrange(1, 4)),
                                       *_some(rng, town.adults, rng.choice((1, 2)))], hours=(10, 23))
        for _ in range(max(1, round(HUB_FOUND * units * share[key]))):
            child = rng.choice(teenagers)
            company = [rng.choice(teenagers)] if rng.random() < 0.5 else []
            scene.missing_episode(child, rng.randrange(3, 1095), missing_hours=rng.randrange(2, 30),
                                  found_location=rng.choice((shopping, buses, buses, food, leisure)),
                                  found_with=company, interview=rng.random() < 0.75)
        for _ in range(max(1, round(HUB_REPORTS * units * share[key]))):
            place = rng.choice((buses, shopping, food, leisure))
            day = rng.randrange(0, 1090)
            intel_id = scene.intel(day, f"Pupils gather at {place.name} after school; no concerns raised.",
                                   (rng.choice("12"), rng.choice("ABC")), handling="P")
            for child in _some(rng, teenagers, rng.randrange(1, 4)):
                scene.link(person_ref(child), rng.choice(("seen_at", "frequents")), place_ref(place),
                           day + rng.randrange(0, 5), intel_id=intel_id)


class _Without(Sequence):
    """``people`` without the one at ``position`` (none when it is None), as the list of the
    others would hold them, without copying it for every draw."""

    def __init__(self, people: list, position: int | None):
        self.people, self.position = people, position

    def __len__(self) -> int:
        return len(self.people) - (self.position is not None)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.people[index + (self.position is not None and index >= self.position)]


def _some(rng, pool: Sequence, k: int) -> list:
    """``k`` different members of ``pool`` (all of them when it holds fewer)."""
    return rng.sample(pool, min(k, len(pool)))
