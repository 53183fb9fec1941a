"""Timelines on a time axis: a person's, a vehicle's, a place's or a network's intelligence
reports, link records, sightings and missing episodes (the episodes as spans from the report to
the return), drawn by :mod:`graph_service.web.timeline_svg` after the first list of each page.

``/timeline?person=ID`` (or ``vehicle=VRM``, ``location=ID``, ``network=N``) shows the drawing
with every entry in a table under it, newest first, paged on the server (``timeline_page``).
The person, vehicle and place pages draw the same timeline after their first list. Police analysts only
(a partner gets 403, as on those pages); every view is audited with the people the entries
name, the drawing's hover text included. Read by ``cypher/workspace/timeline.cypher``; a
person's page draws the timeline its record already holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, abort, render_template, request
from markupsafe import Markup

from graph_service.analysis.evidence_graph import RELATION_TEXT
from graph_service.db import Database
from graph_service.web import queries
from graph_service.web.auth import audit, roles_required
from graph_service.web.database import get_db
from graph_service.web.display import when
from graph_service.web.paging import page_of, requested_page
from graph_service.web.timeline_svg import DENSE_LANE, timeline_svg

blueprint = Blueprint("timeline", __name__)

#: Most entries a timeline reads (newest first): a busy car park's sightings over years would
#: draw as a solid bar; the table and the drawing say when the oldest were left out.
MAX_ENTRIES = 3000
#: Rows of the table under the drawing.
PAGE_ROWS = 25
KINDS = ("person", "vehicle", "location", "network")


@dataclass
class Timeline:
    """A timeline's ``items`` (newest first: ``date``, ``kind``, ``id``, ``text``, ``grade``,
    ``handling_code``, ``handling_conditions``), the missing episodes' ``spans`` and the
    ``people`` its entries name (for the audit log)."""

    title: str
    items: list[dict]
    spans: list[dict]
    people: list[str] = field(default_factory=list)
    left_out: bool = False

    @property
    def conditions(self) -> list[str]:
        """The handling conditions of the code C entries: shown wherever they are."""
        return sorted({item["handling_conditions"] for item in self.items
                       if item["handling_code"] == "C" and item["handling_conditions"]})

    @property
    def dense_lane(self) -> int:
        """Entries a lane holds before it is drawn as counts (said in the caption)."""
        return DENSE_LANE

    def drawing(self) -> Markup:
        return timeline_svg(self.title, self.items, self.spans, today=queries.today())


def _name(person: dict | None) -> str:
    if not person or not person.get("person_id"):
        return "an unrecorded child"
    return person.get("name") or person["person_id"]


def _link_text(event: dict) -> str:
    subject, obj = event["subject"], event["object"]
    return (f"{subject.get('label') or subject.get('id')} {RELATION_TEXT.get(event['relation'], event['relation'])} "
            f"{obj.get('label') or obj.get('id')}")


def _sighting_text(event: dict) -> str:
    names = ", ".join(_name(p) for p in event["people"])
    return (f"{names or 'Nobody named'} seen at {event['place'] or 'an unrecorded place'} ({event['source']})"
            + (f" in vehicle {event['vrm']}" if event["vrm"] else ""))


def _episode_text(event: dict) -> str:
    with_names = ", ".join(_name(p) for p in event["found_with"])
    return (f"{_name(event['child'])} reported missing; "
            + (f"found {when(event['found_at'])}" if event["found_at"] else "not yet found")
            + (f" at {event['place']}" if event["place"] else "") + (f" with {with_names}" if with_names else ""))


def shape(title: str, rows: list[dict], limit: int = MAX_ENTRIES) -> Timeline:
    """A :class:`Timeline` from the rows of ``workspace/timeline`` (link records of one report
    make one entry, as on a person's page)."""
    items, spans, people = [], [], []
    reports: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        event = row["event"]
        if event["kind"] == "link":
            people += [end["person_id"] for end in (event["subject"], event["object"]) if end.get("person_id")]
            if event["intel_id"]:
                reports[event["intel_id"]].append({**event, "date": row["date"]})
                continue
            items.append({"date": row["date"], "kind": "link", "id": event["id"], "text": _link_text(event),
                          "grade": queries.UNGRADED, "handling_code": None, "handling_conditions": None})
        elif event["kind"] == "sighting":
            people += [p["person_id"] for p in event["people"]]
            items.append({"date": row["date"], "kind": "sighting", "id": event["id"], "text": _sighting_text(event),
                          "grade": queries.RECORDED, "handling_code": None, "handling_conditions": None})
        else:
            people += [p["person_id"] for p in [event["child"], *event["found_with"]] if p.get("person_id")]
            text = _episode_text(event)
            items.append({"date": row["date"], "kind": "missing_episode", "id": event["id"], "text": text,
                          "grade": queries.RECORDED, "handling_code": None, "handling_conditions": None})
            spans.append({"id": event["id"], "start": row["date"], "end": event["found_at"], "text": text})
    for intel_id, group in reports.items():
        first = group[0]
        items.append({"date": max(e["date"] or "" for e in group) or None, "kind": "intel", "id": intel_id,
                      "text": first["summary"] or "; ".join(_link_text(e) for e in group), "grade": first["grade"],
                      "handling_code": first["handling_code"],
                      "handling_conditions": first["handling_conditions"] if first["handling_code"] == "C" else None})
    items.sort(key=lambda item: (item["date"] or "", item["id"]), reverse=True)
    return Timeline(title, items, spans, list(dict.fromkeys(people)), left_out=len(rows) >= limit)


def read(db: Database, title: str, people=(), vehicles=(), locations=(), limit: int = MAX_ENTRIES) -> Timeline:
    """The timeline of some people, vehicles (normalised VRMs) and places."""
    rows = db.read("workspace/timeline", people=list(people), vehicles=list(vehicles), locations=list(locations),
                   limit=limit)
    return shape(title, rows, limit)


def of_person(person: dict) -> Timeline:
    """A person's timeline from their record (:func:`graph_service.web.queries.person`), which
    holds it already: the same entries as the list on their page."""
    spans = [{"id": e["episode_id"], "start": e["reported_at"], "end": e["found_at"],
              "text": next((item["text"] for item in person["timeline"] if item["id"] == e["episode_id"]), "")}
             for e in person["missing_episodes"]]
    named = queries.people_ids([person["missing_episodes"], person["sightings"], person["links"]])
    return Timeline(f"Timeline of {person['name'] or person['person_id']}", person["timeline"], spans,
                    [person["person_id"], *named])


def _subject(db: Database) -> tuple[str, str, dict]:
    """The one entity (or network) the request names: its kind, ID, and what to read."""
    asked = [(kind, request.args[kind].strip()) for kind in KINDS if request.args.get(kind, "").strip()]
    if len(asked) != 1:
        abort(400, description="Name one of person, vehicle, location or network (e.g. ?person=P0001).")
    kind, value = asked[0]
    if kind == "person":
        found = db.read("web/person/people", person_ids=[value])
        if not found:
            abort(404)
        return kind, value, {"title": f"Timeline of {found[0]['name'] or value}", "people": [value]}
    if kind == "vehicle":
        vrm = "".join(value.split()).upper()
        if not db.read("web/vehicle/details", vrm=vrm):
            abort(404)
        return kind, vrm, {"title": f"Timeline of vehicle {vrm}", "vehicles": [vrm]}
    if kind == "location":
        place = queries.location_details(db, value)
        if place is None:
            abort(404)
        return kind, value, {"title": f"Timeline of {place['name'] or value}", "locations": [value]}
    if not value.isdigit() or len(value) > 9:
        abort(400, description="network: give a network number.")
    members = [row["person_id"] for row in db.read("workspace/network_members", network_id=int(value))]
    if not members:
        abort(404)
    return kind, value, {"title": f"Timeline of network {value} ({len(members)} members)", "people": members}


@blueprint.get("/timeline")
@roles_required("analyst")
def timeline_page():
    db = get_db()
    kind, value, what = _subject(db)
    found = read(db, **what)
    page = page_of(found.items, *requested_page(PAGE_ROWS, "timeline_"), "timeline_",
                   (kind, "timeline_page", "timeline_per_page"))
    audit("timeline.view", found.people, detail=f"{kind} {value}")
    return render_template("timeline.html", timeline=found, page=page, kind=kind, subject=value)
