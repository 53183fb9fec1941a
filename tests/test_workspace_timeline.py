"""Timelines on a time axis (graph_service/web/timeline.py) through the Flask test client, on
the hand-made graph of tests/workspace_graph.py in the real Neo4j: lanes by kind, missing
episodes as spans, hostile text escaped in the SVG, the same entries in the table, analysts
only, every view audited."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import workspace_graph
from test_web_fixtures import app, clients, web_users  # noqa: F401  (fixtures)

from graph_service.analysis.networks import list_networks, run_networks
from graph_service.db import connect
from graph_service.security.audit import AuditLog

SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


@pytest.fixture(scope="module")
def graph(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        workspace_graph.load(db, tmp_path_factory.mktemp("timeline"))
        run_networks(db, seed=42)
        yield db


def drawing(html: str) -> ET.Element:
    """The page's one SVG, parsed as XML (so it is well formed, and its text is what it says)."""
    found = SVG.findall(html)
    assert len(found) == 1
    return ET.fromstring(found[0])


def lanes(svg: ET.Element) -> dict[str, ET.Element]:
    ns = "{http://www.w3.org/2000/svg}"
    return {g.get("data-kind"): g for g in svg.iter(f"{ns}g") if g.get("class") == "timeline-lane"}


def titles(element: ET.Element) -> list[str]:
    return [t.text for t in element.iter("{http://www.w3.org/2000/svg}title")]


def test_a_childs_timeline_draws_missing_episodes_as_spans_open_while_not_found(graph, clients, settings):
    html = clients["analyst"].get("/timeline?person=K").get_data(as_text=True)
    svg = drawing(html)
    drawn = lanes(svg)
    assert list(drawn) == ["missing_episode", "intel"]
    spans = {r.get("data-id"): r for r in drawn["missing_episode"].iter("{http://www.w3.org/2000/svg}rect")}
    assert set(spans) == {"M1", "M2"}
    assert "timeline-span-open" in spans["M2"].get("class") and "timeline-span-open" not in spans["M1"].get("class")
    assert float(spans["M2"].get("width")) > float(spans["M1"].get("width"))  # open to the end of the axis
    assert "not yet found" in titles(spans["M2"])[0] and "2026-05-01 to 2026-05-01" in titles(spans["M1"])[0]
    events = [c.get("data-id") for c in drawn["intel"].iter("{http://www.w3.org/2000/svg}circle")]
    assert events == ["I7"]  # K travelled in V1
    # the axis is drawn, with month ticks across the entries' dates
    assert svg.find(".//{http://www.w3.org/2000/svg}line[@class='timeline-axis-line']") is not None
    assert "Jun 2026" in "".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    # the same entries in the table, newest first
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>", html)
    assert [r[2] for r in rows] == ["I7", "M2", "M1"]  # I7 was reported on 2026-07-01
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "timeline.view" and entry.detail == "person K" and {"K", "D"} <= set(entry.ids)


def test_hostile_text_in_a_timeline_is_text_in_the_svg_and_conditions_are_shown(graph, clients):
    html = clients["analyst"].get("/timeline?person=A").get_data(as_text=True)
    svg = drawing(html)
    said = " ".join(titles(svg))
    assert workspace_graph.HOSTILE in said  # the whole name, as text
    for tag in ("script", "b", "img"):
        assert not list(svg.iter(f"{{http://www.w3.org/2000/svg}}{tag}")) and not list(svg.iter(tag))
    assert "<script>alert" not in html and "<b>&#34;Hart" not in html
    assert "conditions: " + workspace_graph.CONDITIONS in said  # I6 is code C
    assert "carry these conditions" in html


def test_the_person_vehicle_and_place_pages_draw_their_timeline_after_their_first_list(graph, clients):
    # the first list (the item of most concern) stays on the first screen; the drawing follows it
    person = clients["analyst"].get("/people/K").get_data(as_text=True)
    assert person.index('id="person-links"') < person.index("<svg") < person.index('id="network-heading"')
    assert person.index("<svg") < person.index('id="timeline-heading"')  # the list of the same entries
    assert set(lanes(drawing(person))) == {"missing_episode", "intel"}
    vehicle = clients["analyst"].get("/vehicles/V1").get_data(as_text=True)
    assert vehicle.index('id="links-heading"') < vehicle.index("<svg") < vehicle.index('id="sightings-heading"')
    assert list(lanes(drawing(vehicle))) == ["intel"]
    assert "/timeline?vehicle=V1" in vehicle
    place = clients["analyst"].get("/locations/LOC1").get_data(as_text=True)
    assert list(lanes(drawing(place))) == ["missing_episode", "sighting"]


def test_timelines_are_for_police_analysts_and_say_what_is_wrong(graph, clients):
    assert clients[None].get("/timeline?person=K").status_code in (302, 401)
    assert clients["partner"].get("/timeline?person=K").status_code == 403
    assert clients["partner"].get("/timeline?location=LOC1").status_code == 403
    assert clients["disruption_lead"].get("/timeline?vehicle=v1").status_code == 200
    assert clients["analyst"].get("/timeline?person=nobody").status_code == 404
    assert clients["analyst"].get("/timeline?network=999").status_code == 404
    for query in ("", "person=K&vehicle=V1", "network=seven"):
        answer = clients["analyst"].get(f"/timeline?{query}")
        assert answer.status_code == 400, query


def test_a_networks_timeline_holds_its_members_entries(graph, clients, settings):
    network = list_networks(graph)[0]["network_id"]
    members = {r["person_id"] for r in graph.read("workspace/network_members", network_id=network)}
    assert len(members) >= 2
    html = clients["analyst"].get(f"/timeline?network={network}&timeline_per_page=200").get_data(as_text=True)
    assert f"network {network} ({len(members)} members)" in html
    entry = AuditLog.of(settings).newest(1)[0]
    assert entry.action == "timeline.view" and entry.detail == f"network {network}" and members <= set(entry.ids)
    # every member's own timeline is inside the network's
    network_ids = set(re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>", html))
    for member in members:
        own = clients["analyst"].get(f"/timeline?person={member}&timeline_per_page=200").get_data(as_text=True)
        assert set(re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>", own)) <= network_ids
    assert clients["partner"].get(f"/timeline?network={network}").status_code == 403


def test_a_lane_of_hundreds_of_entries_is_drawn_as_a_count_a_week_and_the_page_stays_light():
    from datetime import date, timedelta

    from graph_service.web.timeline_svg import DENSE_LANE, HANDLING_C, timeline_svg

    ns = "{http://www.w3.org/2000/svg}"
    start = date(2025, 1, 6)  # a Monday
    reports = [{"date": (start + timedelta(days=i % 300)).isoformat(), "kind": "intel", "id": f"I{i}",
                "text": "<img src=x onerror=alert(1)> " + "seen at the bus station " * 8, "grade": "2B",
                "handling_code": "C" if i == 7 else "P", "handling_conditions": "not to be shared" if i == 7 else None}
               for i in range(DENSE_LANE * 3)]
    sightings = [{"date": (start + timedelta(days=10 * i)).isoformat(), "kind": "sighting", "id": f"S{i}",
                  "text": "seen", "grade": None, "handling_code": None} for i in range(12)]
    markup = str(timeline_svg("Timeline of a bus station", reports + sightings, [], today=date(2026, 1, 1)))
    svg = ET.fromstring(markup)
    drawn = lanes(svg)
    intel, seen = drawn["intel"], drawn["sighting"]
    assert not list(intel.iter(f"{ns}circle"))  # no mark per report...
    bars = [r for r in intel.iter(f"{ns}rect") if r.get("class") == "timeline-bin"]
    assert sum(int(b.get("data-count")) for b in bars) == len(reports)  # ...but every one counted
    assert len(bars) == 43  # 300 days from a Monday: a bar a week
    fullest = max(bars, key=lambda b: int(b.get("data-count")))
    assert all(float(b.get("height")) <= float(fullest.get("height")) for b in bars)
    restricted = [b for b in bars if b.get("stroke") == HANDLING_C]
    assert len(restricted) == 1 and "1 resting on handling code C" in titles(restricted[0])[0]
    assert titles(bars[0])[0].startswith("Week of 2025-01-06: ")
    assert "<img" not in markup and "onerror" not in markup  # the counts' hover text names no report
    assert len(list(seen.iter(f"{ns}circle"))) == 12  # a lane of a few entries keeps a mark each
    assert "drawn as a count a week or month" in svg.find(f"{ns}desc").text
    assert len(markup) < 25_000  # a mark and hover text each came to about 0.5 MB on the large scenario


def test_a_dense_lane_over_more_than_three_years_has_a_bar_a_month():
    from datetime import date, timedelta

    from graph_service.web.timeline_svg import DENSE_LANE, timeline_svg

    ns = "{http://www.w3.org/2000/svg}"
    items = [{"date": (date(2021, 3, 1) + timedelta(days=9 * i)).isoformat(), "kind": "sighting", "id": f"S{i}",
              "text": "seen", "grade": None, "handling_code": None} for i in range(DENSE_LANE + 50)]  # to Jan 2026
    svg = ET.fromstring(str(timeline_svg("Timeline of a car park", items, [], today=date(2026, 11, 1))))
    bars = [r for r in lanes(svg)["sighting"].iter(f"{ns}rect") if r.get("class") == "timeline-bin"]
    assert sum(int(b.get("data-count")) for b in bars) == len(items)
    assert titles(bars[0])[0].startswith("Mar 2021: ") and len(bars) == 59  # Mar 2021 to Jan 2026


def test_a_dense_missing_episode_lane_counts_the_ended_episodes_and_keeps_each_child_not_yet_found():
    from datetime import date, timedelta

    from graph_service.web.timeline_svg import DENSE_LANE, timeline_svg

    ns = "{http://www.w3.org/2000/svg}"
    reported = [(date(2025, 1, 6) + timedelta(days=2 * i)).isoformat() + "T20:00:00Z" for i in range(DENSE_LANE + 10)]
    items = [{"date": when, "kind": "missing_episode", "id": f"M{i}", "text": "missing from home", "grade": "1A",
              "handling_code": None} for i, when in enumerate(reported)]
    spans = [{"id": f"M{i}", "start": when, "end": None if i in (3, 90) else when[:10] + "T23:00:00Z",
              "text": "missing from home"} for i, when in enumerate(reported)]
    svg = ET.fromstring(str(timeline_svg("Timeline of a bus station", items, spans, today=date(2026, 1, 1))))
    lane = lanes(svg)["missing_episode"]
    bars = [r for r in lane.iter(f"{ns}rect") if r.get("class") == "timeline-bin"]
    drawn = [r for r in lane.iter(f"{ns}rect") if "timeline-span" in (r.get("class") or "")]
    assert sum(int(b.get("data-count")) for b in bars) == len(items)
    assert {r.get("data-id") for r in drawn} == {"M3", "M90"}  # the two children not yet found
    assert all("timeline-span-open" in r.get("class") for r in drawn)
