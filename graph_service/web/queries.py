"""What the pages and the JSON API show, read from Neo4j through ``cypher/web/``.

Each function takes a :class:`~graph_service.db.Database` and returns plain dicts and lists
(JSON-ready: dates as ISO strings), so a page and its ``/api/v1/`` twin show the same
facts. Every fact carries its grade: intelligence its 3x5x2 grades and handling code (with
the conditions of code C), link records without a report the ungraded weight, sightings and
missing episodes the recorded-fact grade (see docs/grading.md).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from graph_service import grading
from graph_service.db import Database
from graph_service.web import lucene
from graph_service.web.display import when

#: How a relation reads in a sentence.
RELATIONS = {
    "associates_with": "associates with",
    "uses_vehicle": "uses vehicle",
    "travelled_in": "travelled in",
    "seen_at": "seen at",
    "lives_at": "lives at",
    "frequents": "frequents",
    "uses_phone": "uses phone",
    "uses_account": "uses online account",
}

#: How two people in an associate network are tied.
TIE_KINDS = {
    "associates_with": "associates (intelligence)",
    "found_with": "found together after a missing episode",
    "seen_together": "seen together",
    "shared_vehicle": "use or travel in the same vehicle",
    "contact": "in contact by phone or online",
}

RECORDED = grading.grade_label(*grading.RECORDED_FACT)
UNGRADED = grading.grade_label(*grading.UNGRADED)
#: Most associates drawn around one person (the graph stays readable and fast).
NETWORK_LIMIT = 60


def plain(value):
    """A driver value made JSON-ready: dates and times as ISO 8601 strings, at any depth."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, date):
        return value.isoformat()
    return value


def today() -> date:
    return date.today()


def age_on(dob: str | None, on: date) -> int | None:
    if not dob:
        return None
    born = date.fromisoformat(dob)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _grade(row: dict) -> dict:
    """The grade of a row from a ``links`` statement: its report's, or ungraded."""
    if row.get("intel_id") is None:
        return {"grade": UNGRADED, "graded": False, "handling_code": None, "handling_conditions": None}
    return {
        "grade": grading.grade_label(row["source_evaluation"], row["intelligence_assessment"]),
        "graded": True,
        "handling_code": row["handling_code"],
        "handling_conditions": row["handling_conditions"] if row["handling_code"] == "C" else None,
    }


def _weakest(labels: list[str]) -> str | None:
    labels = [label for label in labels if label]
    return min(labels, key=lambda g: (grading.grade_weight(g[0], g[1]), -int(g[0])), default=None)


def _intel(row: dict) -> dict:
    return {
        "intel_id": row["intel_id"],
        "reported_on": row["reported_on"],
        "summary": row["summary"],
        "grade": grading.grade_label(row["source_evaluation"], row["intelligence_assessment"]),
        "handling_code": row["handling_code"],
        "handling_conditions": row["handling_conditions"] if row["handling_code"] == "C" else None,
    }


def _link(row: dict) -> dict:
    return {
        "link_id": row["link_id"],
        "relation": row["relation"],
        "relation_text": RELATIONS.get(row["relation"], row["relation"]),
        "observed_at": row["observed_at"],
        "other": {k: v for k, v in row["other"].items() if v is not None},
        "intel": _intel(row) if row["intel_id"] else None,
        **_grade(row),
    }


# -- home ------------------------------------------------------------------------------------

def counts(db: Database) -> dict:
    return db.read("web/home/counts", today=today())[0]


def partner_counts(db: Database, days: int = 28) -> dict:
    row = db.read("web/home/partner_counts", since=today() - timedelta(days=days))[0]
    return {**row, "recent_days": days}


def recent_intel(db: Database, limit: int = 10) -> list[dict]:
    return [
        {**_intel(row), "concerns": [{k: v for k, v in e.items() if v is not None} for e in row["concerns"]]}
        for row in db.read("web/home/recent_intel", limit=limit)
    ]


def recent_missing(db: Database, limit: int = 10) -> list[dict]:
    return [{**row, "grade": RECORDED} for row in db.read("web/home/recent_missing", limit=limit)]


def open_actions(db: Database, limit: int = 20) -> dict:
    """Things waiting for someone: children still missing, return interviews not recorded,
    intelligence due for review."""
    return {
        "still_missing": db.read("web/home/still_missing", limit=limit),
        "return_interviews_due": db.read("web/home/return_interviews_due", limit=limit),
        "intel_reviews_due": [
            {**_intel(row), "review_on": row["review_on"]}
            for row in db.read("web/home/intel_reviews_due", limit=limit, today=today())
        ],
    }


# -- search ----------------------------------------------------------------------------------

#: The kinds of search result, each a list paged on its own.
SEARCH_KINDS = ("people", "vehicles", "locations", "communications")


def search(db: Database, text: str, kinds: dict[str, tuple[int, int]] | None = None) -> dict:
    """People (name, alias, ID), vehicles (registration, make, model, colour), places
    (name, address, postcode, ID) and communications (a phone by its number written any way,
    online accounts by platform or handle, each with the people who use it) matching every word
    of ``text``, read from the full-text indexes, best matches first: per kind, how many match
    (``total``) and the ``items`` of one page. ``kinds`` maps a kind to ``(offset, limit)``
    (default: the first 50 of each). The text reaches Lucene only as escaped words
    (:mod:`graph_service.web.lucene`), and the database only as a parameter."""
    kinds = kinds or {kind: (0, 50) for kind in SEARCH_KINDS}
    found = {}
    for kind, (skip, limit) in kinds.items():
        if kind == "communications":
            found[kind] = _communications(db, text, skip, limit)
            continue
        lucene_query = lucene.query(text, joined=kind != "people")
        if lucene_query is None:
            found[kind] = {"total": 0, "items": []}
            continue
        found[kind] = db.read(f"web/search/{kind}", query=lucene_query, words=lucene.words(text), skip=skip,
                              limit=limit)[0]
    if "people" in found:
        on = today()
        found["people"]["items"] = [{**row, "age": age_on(row["dob"], on)} for row in found["people"]["items"]]
    return found


def _communications(db: Database, text: str, skip: int, limit: int) -> dict:
    """The phone the text names (read as a number, as the intake reads one) and the accounts
    whose platform or handle match its words, with the people who use each."""
    from ingest.fields import normalise_phone

    try:
        number = normalise_phone(text)
    except ValueError:
        number = None
    return db.read("web/search/communications", number=number, query=lucene.query(text, joined=True),
                   never_counts=grading.NEVER_COUNTS, skip=skip, limit=limit)[0]


# -- people ----------------------------------------------------------------------------------

def person(db: Database, person_id: str) -> dict | None:
    """Everything the person page shows, or None when there is no such person."""
    found = db.read("web/person/record", person_id=person_id, today=today())
    if not found:
        return None
    record = found[0]
    on = today()
    age = age_on(record["dob"], on)
    links = [_concern_link(row) for row in record["links"]]
    episodes = [{**row, "grade": RECORDED} for row in record["missing_episodes"]]
    sightings = [{**row, "grade": RECORDED} for row in record["sightings"]]
    details = {k: v for k, v in record.items() if k not in ("links", "missing_episodes", "sightings")}
    name = " ".join(filter(None, [details["forename"], details["surname"]]))
    return {
        **details,
        "name": name,
        "age": age,
        "child": age is not None and age < 18,
        "links": links,
        "missing_episodes": episodes,
        "sightings": sightings,
        "timeline": timeline(links, episodes, sightings),
        "locations": linked_locations(links, episodes, sightings),
        "handling_conditions": sorted({
            link["handling_conditions"] for link in links if link["handling_conditions"]
        }),
    }


def timeline(links: list[dict], episodes: list[dict], sightings: list[dict]) -> list[dict]:
    """Intelligence reports, missing episodes and sightings, newest first."""
    items = []
    reports: dict[str, list[dict]] = defaultdict(list)
    for link in links:
        if link["intel"]:
            reports[link["intel"]["intel_id"]].append(link)
        else:
            items.append({
                "date": link["observed_at"], "kind": "link", "id": link["link_id"],
                "text": f"{link['relation_text']} {link['other'].get('label') or link['other']['id']} "
                        "(link record without an intelligence report)",
                "grade": link["grade"], "handling_code": None, "handling_conditions": None,
            })
    for intel_id, group in reports.items():
        intel = group[0]["intel"]
        items.append({
            "date": group[0]["observed_at"] or intel["reported_on"], "kind": "intel", "id": intel_id,
            "text": intel["summary"] or "; ".join(
                f"{link['relation_text']} {link['other'].get('label') or link['other']['id']}" for link in group
            ),
            "grade": intel["grade"], "handling_code": intel["handling_code"],
            "handling_conditions": intel["handling_conditions"],
        })
    for episode in episodes:
        place = episode["found_location"]["label"] if episode["found_location"] else None
        with_names = ", ".join(p["name"] for p in episode["found_with"])
        if episode["person_was_missing"]:
            text = "Reported missing" + (
                f"; found {when(episode['found_at'])}" if episode["found_at"] else "; not yet found"
            ) + (f" at {place}" if place else "") + (f" with {with_names}" if with_names else "")
        else:
            text = f"Missing child {episode['child']['name']} found with them" + (f" at {place}" if place else "")
        items.append({
            "date": episode["reported_at"], "kind": "missing_episode", "id": episode["episode_id"], "text": text,
            "grade": RECORDED, "handling_code": None, "handling_conditions": None,
        })
    for sighting in sightings:
        where = sighting["location"]["label"] if sighting["location"] else "an unrecorded place"
        with_names = ", ".join(p["name"] for p in sighting["with_people"])
        text = f"Seen at {where} ({sighting['source']})" + (
            f" in vehicle {sighting['vrm']}" if sighting["vrm"] else "") + (
            f" with {with_names}" if with_names else "")
        items.append({
            "date": sighting["observed_at"], "kind": "sighting", "id": sighting["sighting_id"], "text": text,
            "grade": RECORDED, "handling_code": None, "handling_conditions": None,
        })
    return sorted(items, key=lambda item: (item["date"] or "", item["id"]), reverse=True)


def linked_locations(links: list[dict], episodes: list[dict], sightings: list[dict]) -> list[dict]:
    """The places in someone's (or something's) record, each with how it is linked and the
    strongest grade behind it: what the map of linked locations shows."""
    places: dict[str, dict] = {}

    def add(place: dict, how: str, grade: str, conditions: str | None = None):
        if not place or place.get("lat") is None:
            return
        entry = places.setdefault(place["id"], {
            "location_id": place["id"], "name": place.get("label"), "category": place.get("category"),
            "lat": place["lat"], "lon": place["lon"], "how": [], "grades": [], "handling_conditions": [],
        })
        if how not in entry["how"]:
            entry["how"].append(how)
        entry["grades"].append(grade)
        if conditions and conditions not in entry["handling_conditions"]:
            entry["handling_conditions"].append(conditions)

    for link in links:
        if link["other"]["kind"] == "location":
            add(link["other"], link["relation_text"], link["grade"], link["handling_conditions"])
    for episode in episodes:
        add(episode["found_location"], "found there after a missing episode", RECORDED)
    for sighting in sightings:
        add(sighting["location"], f"sighting ({sighting['source']})", RECORDED)
    return [
        {**{k: v for k, v in entry.items() if k != "grades"}, "best_grade": grading.strongest(entry["grades"]),
         "count": len(entry["grades"])}
        for entry in sorted(places.values(), key=lambda e: (e["name"] or "", e["location_id"]))
    ]


def person_network(db: Database, person_id: str, limit: int = NETWORK_LIMIT) -> dict | None:
    """The associate network around a person: nodes (people) and edges (ties, with every
    kind of tie between the two, the grade, the evidence IDs and any handling conditions)."""
    found = db.read("web/person/associates", person_id=person_id, limit=limit)
    if not found:
        return None
    people = {row["person_id"]: row for row in found[0]["people"]}
    ties: dict[tuple[str, str], dict] = {}
    for row in found[0]["ties"]:
        a, b = sorted((row["source"], row["target"]))
        tie = ties.setdefault((a, b), {"source": a, "target": b, "kinds": [], "grades": [], "evidence": [],
                                       "intel_ids": [], "handling_conditions": []})
        if row["kind"] not in tie["kinds"]:
            tie["kinds"].append(row["kind"])
        # A shared vehicle is only as strong as the weaker of the two people's links to it.
        grade = _weakest(row["grades"]) if row["kind"] == "shared_vehicle" else grading.strongest(row["grades"])
        tie["grades"].append(grade or RECORDED)
        tie["evidence"] += [e for e in row["evidence"] if e not in tie["evidence"]]
        tie["intel_ids"] += [i for i in row["intel_ids"] if i not in tie["intel_ids"]]
        tie["handling_conditions"] += [c for c in row["conditions"] if c not in tie["handling_conditions"]]
    ids = {person_id} | {tie["source"] for tie in ties.values()} | {tie["target"] for tie in ties.values()}
    on = today()
    nodes = []
    for pid in sorted(ids, key=lambda i: (i != person_id, people.get(i, {}).get("name") or "", i)):
        age = age_on(people[pid]["dob"], on) if pid in people else None
        nodes.append({"person_id": pid, "name": people.get(pid, {}).get("name"), "age": age,
                      "child": age is not None and age < 18, "focus": pid == person_id})
    edges = [
        {**{k: v for k, v in tie.items() if k != "grades"}, "grade": grading.strongest(tie["grades"]),
         "weight": grading.grade_weight(*grading.strongest(tie["grades"])),
         "kinds_text": [TIE_KINDS[k] for k in tie["kinds"]]}
        for tie in sorted(ties.values(), key=lambda t: (t["source"], t["target"]))
    ]
    return {"person_id": person_id, "nodes": nodes, "edges": edges, "limit": limit,
            "truncated": found[0]["associates"] > limit}


# -- vehicles and locations --------------------------------------------------------------------

#: Why a sighting comes where it does in a list in order of concern (the statements' ``concern``).
SIGHTING_REASONS = {0: "a child seen with an adult or a person of unknown age", 1: "a child seen", 2: None}
#: Why a link record or a missing episode comes first.
LINK_REASON = "names a child"
FOUND_WITH_REASON = "the child was found with someone"
#: Every row of a list (for the maps, which show every place).
EVERYTHING = (0, 1_000_000)
#: The lists of a vehicle's and of a place's page, each paged on its own.
VEHICLE_LISTS = ("links", "sightings")
LOCATION_LISTS = ("links", "sightings", "missing_episodes_found_here")


def _window(db: Database, name: str, shape, window: tuple[int, int], **params) -> dict:
    """``total`` and the ``items`` of one page of a statement answering ``total`` and ``items``
    (from ``$skip``, at most ``$limit``), each row shaped by ``shape``."""
    row = db.read(name, skip=window[0], limit=window[1], today=today(), **params)[0]
    return {"total": row["total"], "items": [shape(item) for item in row["items"]]}


def _concern_link(row: dict) -> dict:
    return {**_link(row), "reason": LINK_REASON if row["names_child"] else None}


def _concern_sighting(row: dict) -> dict:
    return {**{k: v for k, v in row.items() if k != "concern"}, "grade": RECORDED,
            "reason": SIGHTING_REASONS[row["concern"]]}


def _found_here(row: dict) -> dict:
    return {**row, "grade": RECORDED, "reason": FOUND_WITH_REASON if row["found_with"] else None}


def _conditions(links: list[dict]) -> list[str]:
    return sorted({link["handling_conditions"] for link in links if link["handling_conditions"]})


def vehicle(db: Database, vrm: str, windows: dict[str, tuple[int, int]] | None = None) -> dict | None:
    """A vehicle and one page of each of its lists (``links``, ``sightings``: ``total`` and
    ``items``, in order of concern); ``windows`` maps a list to ``(offset, limit)`` (default:
    the first 50). ``handling_conditions`` are those of the links on the page."""
    vrm = "".join(vrm.split()).upper()
    found = db.read("web/vehicle/details", vrm=vrm)
    if not found:
        return None
    windows = {name: (0, 50) for name in VEHICLE_LISTS} | (windows or {})
    links = _window(db, "web/vehicle/links", _concern_link, windows["links"], vrm=vrm)
    sightings = _window(db, "web/vehicle/sightings", _concern_sighting, windows["sightings"], vrm=vrm)
    return {**found[0], "links": links, "sightings": sightings, "handling_conditions": _conditions(links["items"])}


def vehicle_places(db: Database, vrm: str) -> list[dict] | None:
    """Every place a vehicle was seen at or is linked to (its map); None: no such vehicle."""
    data = vehicle(db, vrm, {name: EVERYTHING for name in VEHICLE_LISTS})
    if data is None:
        return None
    return linked_locations(data["links"]["items"], [], data["sightings"]["items"])


def location_details(db: Database, location_id: str) -> dict | None:
    """A place's name, kind, address and coordinates; None when there is no such place."""
    found = db.read("web/location/details", location_id=location_id)
    return found[0] if found else None


def location(db: Database, location_id: str, windows: dict[str, tuple[int, int]] | None = None) -> dict | None:
    """A place and one page of each of its lists (``links``, ``sightings``,
    ``missing_episodes_found_here``: ``total`` and ``items``, in order of concern);
    ``windows`` as for :func:`vehicle`."""
    details = location_details(db, location_id)
    if details is None:
        return None
    windows = {name: (0, 50) for name in LOCATION_LISTS} | (windows or {})
    links = _window(db, "web/location/links", _concern_link, windows["links"], location_id=location_id)
    return {
        **details,
        "links": links,
        "sightings": _window(db, "web/location/sightings", _concern_sighting, windows["sightings"],
                             location_id=location_id),
        "missing_episodes_found_here": _window(db, "web/location/missing_found", _found_here,
                                               windows["missing_episodes_found_here"], location_id=location_id),
        "handling_conditions": _conditions(links["items"]),
    }


def people_ids(data) -> list[str]:
    """Every person ID in a page's data (any ``person_id`` at any depth), for the audit log."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("person_id"), str):
                found.append(value["person_id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return list(dict.fromkeys(found))
