"""Every list page in real headless Chromium on a generated town (the small scenario, its
evidence up to today): each page stays a few screens tall and light, and its first screen shows
the item of most concern (the top candidate, the best search match, the newest audit entry...),
the same one the API lists first."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest
from test_web_fixtures import BY_ROLE, PASSWORD, serving, web_users  # noqa: F401

from graph_service.analysis.networks import run_networks
from graph_service.db import connect
from graph_service.web import create_app
from ingest import ingest_paths
from ingest.scenario import generate

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

VIEWPORT = {"width": 1280, "height": 900}
#: "A few screens": no list page may be taller than this many viewports...
MOST_SCREENS = 6
#: ...or heavier than this (bytes of HTML).
MOST_BYTES = 1_000_000


@pytest.fixture(scope="module")
def town(neo4j_server, settings, tmp_path_factory):
    out = generate(seed=11, size="small", out=tmp_path_factory.mktemp("scenario") / "small", as_of=date.today())
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [out])
        run_networks(db, as_of=date.today())
    return out


@pytest.fixture(scope="module")
def server(settings, town, web_users):  # noqa: F811
    app = create_app(settings)
    with serving(app) as base:
        yield base


@pytest.fixture
def logged_in(browser, server):
    contexts = []

    def as_role(role: str):
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        page.goto(server + "/login")
        page.get_by_label("User name").fill(BY_ROLE[role])
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        return page

    yield as_role
    for context in contexts:
        context.close()


def open_list(page, url: str) -> None:
    """Open a list page; assert it is a few screens tall and under the weight limit."""
    answer = page.goto(url, wait_until="domcontentloaded")  # not the maps' frames: heights are fixed
    for _ in range(120):  # the candidate list still being worked out: its notice, then reload
        if 'http-equiv="refresh"' not in answer.text():
            break
        assert "being worked out" in page.locator("main").inner_text()
        time.sleep(1)
        answer = page.reload(wait_until="domcontentloaded")
    assert answer.status == 200, url
    assert len(answer.body()) <= MOST_BYTES, (url, len(answer.body()))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= MOST_SCREENS * VIEWPORT["height"], (url, height)


def on_first_screen(locator) -> str:
    """The text of an element that is wholly on the first screen."""
    box = locator.bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"], box
    return locator.inner_text()


def api(page, path: str) -> dict:
    return page.request.get(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + path).json()


def test_the_candidates_pages_open_with_the_top_candidate(logged_in, server):
    page = logged_in("disruption_lead")
    open_list(page, server + "/candidates")
    listed = api(page, "/api/v1/candidates")
    assert listed["total"] > 5  # more than one page: the bound is the paging's doing
    top = listed["items"][0]
    heading = on_first_screen(page.locator("section.candidate h2").first)
    assert heading.startswith("1.") and top["adult_name"] in heading and top["child_name"] in heading
    excluded = api(page, "/api/v1/candidates?group=excluded")
    assert excluded["total"] > 50
    open_list(page, server + "/candidates?tab=excluded")
    first_row = on_first_screen(page.locator("table tbody tr").first)
    assert excluded["items"][0]["reason"] in first_row


def test_the_networks_and_a_networks_members_open_with_the_one_of_most_concern(logged_in, server):
    page = logged_in("analyst")
    open_list(page, server + "/networks")
    first = on_first_screen(page.locator("table.ranked tbody tr").first)
    top = api(page, "/api/v1/networks")["items"][0]
    assert top["rank"] == 1 and f"Network {top['network_id']}" in first
    open_list(page, server + "/networks?group=other")
    open_list(page, f"{server}/networks/{top['network_id']}")
    key_player = on_first_screen(page.locator("#members tbody tr").first)
    assert api(page, f"/api/v1/networks/{top['network_id']}")["members"]["items"][0]["name"] in key_player


def test_search_opens_with_the_best_match_and_pages_the_rest(logged_in, server):
    page = logged_in("analyst")
    open_list(page, server + "/search?q=an")
    found = api(page, "/api/v1/search?q=an")
    assert found["people"]["total"] > 25
    assert found["people"]["items"][0]["name"] in on_first_screen(page.locator("table tbody tr").first)


def test_the_audit_log_opens_with_the_newest_entry(logged_in, server):
    analyst = logged_in("analyst")
    for _ in range(60):  # more entries than a page holds
        analyst.request.get(server + "/api/v1/people?q=an")
    page = logged_in("admin")
    open_list(page, server + "/admin/audit")
    newest = api(page, "/api/v1/audit")["items"][0]  # itself an entry, after the page's own
    first = page.locator("#audit-entries tbody tr").first.locator("td").first
    assert int(on_first_screen(first)) == newest["seq"] - 1


def test_the_partners_summaries_and_the_disruption_page_stay_a_few_screens(logged_in, server):
    page = logged_in("partner")
    open_list(page, server + "/networks")
    summaries = api(page, "/api/v1/networks/summaries")
    if summaries["items"]:
        first = on_first_screen(page.locator("table tbody tr").first)
        assert f"Network {summaries['items'][0]['network_id']}" in first
    lead = logged_in("disruption_lead")
    open_list(lead, server + "/disruption")


def test_the_busiest_place_vehicle_and_person_open_with_their_first_item_of_most_concern(logged_in, server, settings):
    with connect(settings) as db:
        busiest = db.read("web/busiest_records")[0]
    page = logged_in("analyst")
    place_id, vrm, person_id = busiest["location_id"], busiest["vrm"], busiest["person_id"]
    open_list(page, f"{server}/locations/{place_id}")
    place = api(page, f"/api/v1/locations/{place_id}")
    lists = ("links", "sightings", "missing_episodes_found_here")
    assert any(place[name]["total"] > len(place[name]["items"]) or place[name]["total"] > 15 for name in lists)
    first = place["links"]["items"][0] if place["links"]["items"] else place["sightings"]["items"][0]
    shown = on_first_screen(page.locator("main table tbody tr").first)
    assert (first.get("other") or {}).get("label", first.get("observed_at", "")) in shown

    open_list(page, f"{server}/vehicles/{vrm}")
    vehicle = api(page, f"/api/v1/vehicles/{vrm}")
    assert vehicle["sightings"]["total"] + vehicle["links"]["total"] > 15
    first = vehicle["links"]["items"][0]
    assert (first["other"]["label"] or first["other"]["id"]) in on_first_screen(page.locator("main table tbody tr").first)

    open_list(page, f"{server}/people/{person_id}")
    person = api(page, f"/api/v1/people/{person_id}")
    assert person["timeline"]["total"] > 10
    first = person["links"]["items"][0]
    row = on_first_screen(page.locator("#person-links tbody tr").first)
    assert first["relation_text"] in row and (first["other"]["label"] or first["other"]["id"]) in row


def test_the_busiest_persons_timeline_draws_every_missing_episode_and_sighting_of_the_intake(
        logged_in, server, settings, town):
    with connect(settings) as db:
        person_id = db.read("web/busiest_records")[0]["person_id"]
    # Counted from the intake files, not from the service
    records = [json.loads(line) for name in ("missing_episode.jsonl", "sighting.jsonl")
               for line in (town / name).read_text().splitlines() if line.strip()]
    episodes = {r["episode_id"] for r in records if r.get("episode_id") and r["person_id"] == person_id}
    sightings = {r["sighting_id"] for r in records if r.get("sighting_id") and person_id in r.get("person_ids", [])}
    assert len(episodes) + len(sightings) > 5  # a busy timeline, not a trivial one

    page = logged_in("analyst")
    open_list(page, f"{server}/people/{person_id}")
    drawing = page.locator("svg.timeline-chart").first
    drawing.scroll_into_view_if_needed()
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 60
    spans = set(page.eval_on_selector_all("svg.timeline-chart rect.timeline-span", "els => els.map(e => e.dataset.id)"))
    marks = set(page.eval_on_selector_all("svg.timeline-chart circle.timeline-event",
                                          "els => els.map(e => e.dataset.id)"))
    assert spans == episodes
    assert sightings <= marks
    # every mark says what it is when hovered (its date first)
    titles = page.eval_on_selector_all("svg.timeline-chart circle.timeline-event title", "els => els.map(e => e.textContent)")
    assert len(titles) == page.locator("svg.timeline-chart circle.timeline-event").count()
    assert all(title[:4].isdigit() for title in titles)
