"""The link chart at about 200 entities in real headless Chromium: a hand-made ring of people
(a hub, 20 associates, each with 9 associates of their own, all graded 2B) loaded through the
real intake, expanded by two hops from the hub. The layout must keep the entities apart (few
overlapping boxes, read from cytoscape's own bounding boxes) and the page must stay
responsive (selecting an entity still lists its evidence)."""

from __future__ import annotations

import json

import pytest
from test_web_fixtures import BY_ROLE, PASSWORD, serving, web_users  # noqa: F401

from graph_service.db import connect
from graph_service.web import create_app
from ingest import ingest_paths

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

ASSOCIATES, EACH = 20, 9


def records() -> list[dict]:
    people = ["H"] + [f"A{i}" for i in range(ASSOCIATES)] + [f"A{i}-{j}" for i in range(ASSOCIATES) for j in range(EACH)]
    out = [{"type": "person", "person_id": p, "forename": f"Person {p}", "surname": "Test", "dob": "1980-01-01"}
           for p in people]
    ties = [("H", f"A{i}") for i in range(ASSOCIATES)] + [(f"A{i}", f"A{i}-{j}") for i in range(ASSOCIATES)
                                                           for j in range(EACH)]
    for number, (a, b) in enumerate(ties):
        out.append({"type": "intel", "intel_id": f"I{number}", "reported_on": "2026-03-01", "source_evaluation": "2",
                    "intelligence_assessment": "B", "handling_code": "P", "summary": f"report {number}"})
        out.append({"type": "link", "link_id": f"L{number}", "intel_id": f"I{number}", "subject_type": "person",
                    "subject_id": a, "relation": "associates_with", "object_type": "person", "object_id": b})
    return out


@pytest.fixture(scope="module")
def server(neo4j_server, settings, web_users, tmp_path_factory):  # noqa: F811
    path = tmp_path_factory.mktemp("ring") / "ring.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records()), encoding="utf-8")
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [path])
    with serving(create_app(settings)) as base:
        yield base


#: Of the entities, how many may have a box overlapping another's (the labels are beside them).
MOST_OVERLAPPING = 0.05


def test_a_chart_of_200_entities_stays_readable_and_responsive(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/login")
    page.get_by_label("User name").fill(BY_ROLE["analyst"])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(server + "/chart?start=person:H")
    page.wait_for_selector("#chart[data-drawn]")
    page.evaluate("() => { window.linkChart.getElementById('person:H').emit('tap'); }")
    page.select_option("#chart-expand-hops", "2")
    page.click("#chart-expand")
    page.wait_for_function("() => Number(document.getElementById('chart').getAttribute('data-drawn')) >= 150",
                           timeout=120_000)
    boxes = page.evaluate("""() => window.linkChart.nodes().map(n => {
        const b = n.boundingBox({includeLabels: false}); return [b.x1, b.y1, b.x2, b.y2]; })""")
    assert len(boxes) == 1 + ASSOCIATES + ASSOCIATES * EACH
    overlapping = set()
    for i, (ax1, ay1, ax2, ay2) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            bx1, by1, bx2, by2 = boxes[j]
            if ax1 < bx2 and bx1 < ax2 and ay1 < by2 and by1 < ay2:
                overlapping |= {i, j}
    assert len(overlapping) <= MOST_OVERLAPPING * len(boxes), f"{len(overlapping)} of {len(boxes)} overlap"
    # still responsive: selecting an entity on the full chart lists its evidence
    page.evaluate("() => { window.linkChart.getElementById('person:A3').emit('tap'); }")
    page.wait_for_function("() => document.getElementById('chart-selection').innerText.includes('link L')")
    context.close()
