"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium) against the real
server (waitress) and the real Neo4j: logging in by keyboard, the person page's network
drawing and map, and the MACSE hot spot map as a partner showing no names. Any Content
Security Policy violation on a page fails the test."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from test_web_fixtures import BY_ROLE, PASSWORD, PEOPLE, loaded, serving, web_users  # noqa: F401

from graph_service.web import create_app

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def server(settings, loaded, web_users):  # noqa: F811
    """The dashboard under waitress on a free port, in this process."""
    with serving(create_app(settings)) as base:
        yield base


def at_path(path: str):
    """A URL test for wait_for_url: the path itself, not a query string that mentions it."""
    return lambda url: urlsplit(url).path == path


class Page:
    """A fresh browser context with its console watched for CSP violations and errors."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _console(self, message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.problems.append(message.text)

    def goto(self, path: str):
        return self.page.goto(self.base + path)

    def login(self, name: str, password: str = PASSWORD, purpose: str = "browser test"):
        self.goto("/login")
        self.page.get_by_label("User name").fill(name)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_label("Purpose of this session (optional)").fill(purpose)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_load_state()

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, server):
    pages = []

    def make():
        pages.append(Page(browser, server))
        return pages[-1]

    yield make
    for page in pages:
        page.close()


def test_login_by_keyboard_returns_to_the_page_asked_for(open_page):
    p = open_page()
    p.goto("/people/P1")
    assert p.page.url.endswith("/login?next=/people/P1")
    p.page.get_by_label("User name").focus()
    p.page.keyboard.type(BY_ROLE["analyst"])
    p.page.keyboard.press("Tab")
    p.page.keyboard.type(PASSWORD)
    p.page.keyboard.press("Tab")
    p.page.keyboard.type("keyboard check")
    p.page.keyboard.press("Enter")
    p.page.wait_for_url(at_path("/people/P1"))
    expect(p.page.get_by_role("heading", level=1)).to_contain_text(PEOPLE["P1"])
    expect(p.page.locator(".purpose")).to_contain_text("keyboard check")
    assert p.problems == []


def test_wrong_password_is_said_plainly_and_the_skip_link_works(open_page):
    p = open_page()
    p.login(BY_ROLE["analyst"], password="not the right password")
    expect(p.page.get_by_role("alert")).to_contain_text("Unknown user name or wrong password")
    p.page.keyboard.press("Tab")
    skip = p.page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    p.page.keyboard.press("Enter")
    expect(p.page.locator("main")).to_be_focused()
    assert p.problems == []


def test_person_page_draws_the_associate_network_and_the_map(open_page):
    p = open_page()
    p.login(BY_ROLE["analyst"])
    p.goto("/people/P2")
    network = p.page.locator("#network")
    expect(network).to_have_attribute("data-drawn", "4")
    expect(network.locator("canvas").first).to_be_visible()
    drawn = p.page.evaluate("""() => ({
        nodes: window.personNetwork.nodes().map(n => n.data('label')).sort(),
        edges: window.personNetwork.edges().length,
        children: window.personNetwork.nodes("[kind = 'child']").map(n => n.id()).sort(),
    })""")
    assert drawn["edges"] == 3 and drawn["children"] == ["P1", "P4"]
    assert any(label.startswith(PEOPLE["P1"]) for label in drawn["nodes"])

    frame = p.page.frame_locator("iframe.map-frame")
    expect(frame.locator(".leaflet-container")).to_be_visible()
    # P2's linked places: the home address (lives at), the found location (found with Amy),
    # and the hotel of the ANPR sighting: three markers.
    expect(frame.locator("path.leaflet-interactive")).to_have_count(3)
    expect(frame.locator(".leaflet-control-layers")).to_be_attached()

    # Selecting a person in the drawing opens their page.
    p.page.evaluate("() => { window.personNetwork.$id('P1').emit('tap'); }")
    p.page.wait_for_url(at_path("/people/P1"))
    expect(p.page.get_by_role("heading", level=1)).to_contain_text(PEOPLE["P1"])
    assert p.problems == [], p.problems


def test_partner_sees_the_macse_map_with_no_names_and_no_person_pages(open_page):
    p = open_page()
    p.login(BY_ROLE["partner"])
    p.goto("/hotspots")
    frame_element = p.page.locator("iframe.map-frame")
    frame = p.page.frame_locator("iframe.map-frame")
    expect(frame.locator(".leaflet-container")).to_be_visible()
    expect(frame.locator(".leaflet-control-layers")).to_be_attached()
    # No cell of this small world holds 3 events, so a partner's map has no heat layer: a heat
    # peak would stand over a single event (docs/security.md, disclosure rules).
    expect(frame.locator("img.leaflet-image-layer, .leaflet-image-layer")).to_have_count(0)
    map_document = frame_element.element_handle().content_frame()
    map_text = map_document.locator("body").inner_text()
    page_text = p.page.locator("body").inner_text()
    # Images travel as data: URLs whose base64 may spell anything; names are whole words.
    map_html = re.sub(r"data:[^\"')\s]+", "", map_document.content())
    for name in PEOPLE.values():
        for part in name.split():
            for where in (page_text, map_text, map_html):
                assert not re.search(rf"\b{part}\b", where), (part, where[:200])
    assert "12 Acre Lane" not in map_html  # a home address is never a place of concern
    assert "Park View Hotel" in map_html  # places of concern are on the map
    expect(p.page.get_by_label("Sightings (ANPR, officer, partner, CCTV)")).to_have_count(0)

    response = p.goto("/people/P1")
    assert response.status == 403
    expect(p.page.get_by_role("heading", level=1)).to_have_text("Not available to your role")
    assert p.problems == [], p.problems


@pytest.mark.parametrize("role", ["analyst", "partner"])
def test_first_screen_of_the_hot_spot_page_shows_the_top_ranked_cell(open_page, role):
    p = open_page()
    p.login(BY_ROLE[role])
    cells = p.context.request.get(p.base + "/api/v1/hotspots/cells").json()
    top = cells["items"][0]
    assert top["rank"] == 1 and top["reasons"]
    p.goto("/hotspots")
    row = p.page.locator(f"#hotspot-cells tbody tr#cell-{top['cell_id']}")
    expect(row).to_be_visible()
    expect(row.locator("td.rank")).to_have_text("1")
    expect(row).to_contain_text(top["reasons"][0])
    box = row.bounding_box()
    assert box["y"] + box["height"] <= 900, box  # inside the first screen, without scrolling
    height = p.page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 4 * 900, height  # a few screens at most: the rest is paged
    assert p.problems == [], p.problems


def test_every_control_on_the_main_pages_has_a_label(open_page):
    p = open_page()
    p.login(BY_ROLE["analyst"])
    for path in ("/", "/search?q=hart", "/hotspots", "/people/P1"):
        p.goto(path)
        unlabelled = p.page.evaluate("""() => [...document.querySelectorAll('input, select, textarea, button')]
            .filter(el => el.type !== 'hidden')
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                          && !(el.tagName === 'BUTTON' && el.textContent.trim()))
            .map(el => el.outerHTML)""")
        assert unlabelled == [], (path, unlabelled)
        assert p.page.evaluate("() => document.documentElement.lang") == "en-GB"
        assert p.page.locator("h1").count() == 1, path
    assert p.problems == [], p.problems
