"""The link chart and the paths page in real headless Chromium, on the hand-made graph of
tests/workspace_graph.py: the chart draws, a hostile name shows as text, selecting shows the
evidence, expanding adds the next hop."""

from __future__ import annotations

import pytest
import workspace_graph
from test_web_fixtures import BY_ROLE, PASSWORD, serving, web_users  # noqa: F401

from graph_service.db import connect
from graph_service.web import create_app

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]


@pytest.fixture(scope="module")
def server(neo4j_server, settings, web_users, tmp_path_factory):  # noqa: F811
    with connect(settings) as db:
        db.apply("db/wipe")
        workspace_graph.load(db, tmp_path_factory.mktemp("workspace"))
    app = create_app(settings)
    with serving(app) as base:
        yield base


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/login")
    page.get_by_label("User name").fill(BY_ROLE["analyst"])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    yield page
    context.close()


def drawn(page) -> int:
    return int(page.get_attribute("#chart", "data-drawn") or 0)


def test_the_chart_draws_shows_hostile_text_as_text_and_expands(page, server):
    page.goto(server + "/chart?start=person:A&expand=person:A")
    page.wait_for_selector("#chart[data-drawn]")
    assert drawn(page) == 4  # A, B, C and V1: A-D is graded E, never a tie
    label = page.evaluate("() => window.linkChart.getElementById('person:A').data('label')")
    assert label == workspace_graph.HOSTILE + " Ames"
    assert workspace_graph.HOSTILE in page.inner_text("#chart-ties")
    assert page.locator("#chart-ties script, #chart-ties b").count() == 0
    assert page.evaluate("() => window.linkChart.getElementById('e:person:A|vehicle:V1').data('handling')") == "C"

    page.evaluate("() => { window.linkChart.getElementById('person:B').emit('tap'); }")
    selection = page.inner_text("#chart-selection")
    assert "link L1" in selection and "1A" in selection
    page.click("#chart-expand")
    page.wait_for_function("() => Number(document.getElementById('chart').getAttribute('data-drawn')) > 4")
    assert drawn(page) == 5  # D, one hop from B
    page.evaluate("() => { window.linkChart.getElementById('e:person:A|vehicle:V1').emit('tap'); }")
    assert workspace_graph.CONDITIONS in page.inner_text("#chart-selection")
    assert page.dialogs == []  # nothing in the data ran as script


def expand_a_by_two_hops(page, server) -> None:
    """The chart of A alone, then A selected and expanded with Hops: 2, until drawn."""
    page.goto(server + "/chart?start=person:A")
    page.wait_for_selector("#chart[data-drawn]")
    assert drawn(page) == 1
    page.evaluate("() => { window.linkChart.getElementById('person:A').emit('tap'); }")
    page.select_option("#chart-expand-hops", "2")
    page.click("#chart-expand")
    page.wait_for_function("() => Number(document.getElementById('chart').getAttribute('data-drawn')) > 1")


def test_expanding_by_two_hops_reaches_the_second_ring(page, server):
    expand_a_by_two_hops(page, server)
    keys = set(page.evaluate("() => window.linkChart.nodes().map(n => n.id())"))
    assert keys == {"person:A", "person:B", "person:C", "vehicle:V1", "person:D", "person:K"}


def test_the_replay_shows_the_chart_as_it_was_known_month_by_month(page, server):
    # A's ties were reported in January (B), March (C) and June (the vehicle).
    page.goto(server + "/chart?start=person:A&expand=person:A")
    page.wait_for_selector("#chart[data-drawn]")
    assert page.is_visible("#chart-replay")
    assert page.get_attribute("#chart", "data-shown") == "4"  # it opens on everything known

    def month(index):
        page.evaluate(f"() => {{ const r = document.getElementById('chart-replay-month'); r.value = '{index}';"
                      " r.dispatchEvent(new Event('input')); }")
        return page.get_attribute("#chart", "data-replay-month"), int(page.get_attribute("#chart", "data-shown"))

    assert month(0) == ("2026-01", 2)  # A and B
    assert page.locator("#chart-ties tbody tr:not([hidden])").count() == 1  # the table follows the chart
    assert month(2) == ("2026-03", 3)
    assert month(5) == ("2026-06", 4)
    page.click("#chart-replay-play")
    assert page.get_attribute("#chart", "data-replay-month") == "2026-01"
    page.wait_for_function("() => document.getElementById('chart').getAttribute('data-replay-month') === '2026-06'",
                           timeout=15000)
    page.wait_for_function("() => document.getElementById('chart-replay-play').textContent.startsWith('Replay')")


def test_the_lowest_grade_filter_leaves_weak_ties_out_of_the_chart(page, server):
    page.goto(server + "/chart?start=person:A&expand=person:A&lowest_grade=2C")
    page.wait_for_selector("#chart[data-drawn]")
    assert drawn(page) == 3  # A-C is 3D


def test_the_date_filter_keeps_only_ties_evidenced_within_the_dates(page, server):
    # A's ties were reported in January (B), March (C) and June (the vehicle).
    page.goto(server + "/chart?start=person:A&start=person:B&start=person:C&start=vehicle:V1")
    page.wait_for_selector("#chart[data-drawn]")
    ties = "() => window.linkChart.edges().map(e => e.id()).sort()"
    assert len(page.evaluate(ties)) == 3
    page.click("summary:has-text('Filters')")
    page.fill("#since", "2026-02-01")
    page.fill("#until", "2026-05-31")
    page.click("button:has-text('Apply filters')")
    page.wait_for_url("**since=2026-02-01**")
    page.wait_for_selector("#chart[data-drawn]")
    assert page.evaluate(ties) == ["e:person:A|person:C"]


def test_the_paths_page_finds_a_path_in_the_browser(page, server):
    page.goto(server + "/paths")
    page.fill("#from", "A")
    page.fill("#to", "D")
    page.click("button:has-text('Find paths')")
    page.wait_for_selector("#paths")
    assert "Path 1: 2 hops" in page.inner_text("#paths")
    assert page.dialogs == []


def test_the_timeline_is_drawn_on_the_first_screen_with_spans_and_hostile_text_as_text(page, server):
    page.goto(server + "/people/K")
    axis = page.locator("svg.timeline-chart .timeline-axis-line")
    box = axis.bounding_box()
    assert box is not None and box["width"] > 400 and box["y"] + box["height"] < 900  # on the first screen
    assert page.locator("svg.timeline-chart rect.timeline-span").count() == 2
    assert page.locator("svg.timeline-chart rect.timeline-span-open").count() == 1
    page.goto(server + "/timeline?person=A")
    assert page.locator("svg.timeline-chart circle.timeline-event").count() >= 4
    said = page.evaluate("() => [...document.querySelectorAll('svg.timeline-chart title')].map(t => t.textContent)")
    assert any(workspace_graph.HOSTILE in text for text in said)
    assert page.locator("svg script, svg b, svg img, main script, main b, main img").count() == 0
    assert not page.dialogs


def test_the_chart_downloads_as_drawn_with_its_expansion(page, server, tmp_path):
    """What the analyst sees is what the file holds: after expanding by two hops, the download
    holds every entity on the chart, read back by NetworkX."""
    import networkx as nx

    expand_a_by_two_hops(page, server)
    shown = set(page.evaluate("() => window.linkChart.nodes().map(n => n.id())"))
    page.get_by_text("Download the chart as drawn").click()
    page.select_option("#chart-export select", "graphml")
    with page.expect_download() as done:
        page.click("#chart-export button[type=submit]")
    path = tmp_path / "chart.graphml"
    done.value.save_as(path)
    assert set(nx.read_graphml(path).nodes) == shown
