"""The areas pages and API: the problem profile for analysts, the partner version for MACSE
partners, hostile area and category names inert on the page and in the charts, and the page in
real headless Chromium."""

from __future__ import annotations

import base64
import re
from urllib.parse import quote

import pytest
from ingest_files import write_jsonl
from test_areas import EAST, WEST, boundary_file
from test_profile import world
from test_web_fixtures import BY_ROLE, PASSWORD, app, clients, log_in, serving, shown, web_users  # noqa: F401

from graph_service.db import connect
from graph_service.security.audit import AuditLog
from graph_service.web import create_app, profile_cache
from ingest import ingest_paths
from ingest.areas import read_boundaries, store_areas

HOSTILE = "<script>alert(1)</script> & Ward"
HOSTILE_ETHNICITY = "<img src=x onerror=alert(2)>"
WEST_PROFILE = "/areas/ward:west/profile?from=2026-03-01&to=2026-03-31&since=2026-03-15"


@pytest.fixture(scope="module")
def area_world(neo4j_server, settings, tmp_path_factory):
    """The hand-made world of test_profile.py, C1's ethnicity hostile text, in two wards, one
    of them named with hostile text."""
    folder = tmp_path_factory.mktemp("areas")
    records = [{**r, "ethnicity": HOSTILE_ETHNICITY} if r.get("person_id") == "C1" and r["type"] == "person" else r
               for r in world()]
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_jsonl(folder / "world.jsonl", records)])
        store_areas(db, read_boundaries(boundary_file(folder, ["West", HOSTILE], [WEST, EAST]), "ward", "WD_NAME"),
                    source="wards.geojson")
        yield db


@pytest.fixture(autouse=True)
def patient_pages(monkeypatch):
    """The pages wait for their profile here (this machine may be slow); the notice shown
    instead after a short wait has its own test."""
    monkeypatch.setattr(profile_cache, "PAGE_WAIT_SECONDS", 300)


def east_id(db) -> str:
    return next(a["area_id"] for a in db.read("areas/list") if a["name"] == HOSTILE)


def chart_texts(html: str) -> list[str]:
    return [base64.b64decode(uri).decode("utf-8") for uri in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)]


def test_line_chart_legends_keep_whole_names_and_small_charts_few_value_steps():
    """Cut to fit, the five "intelligence graded A".."E" lines all read "intelligence grade…" and
    the small multiples' "missing epis…", "children rep…": a legend that tells no line apart."""
    from graph_service.web.charts import line_svg

    months = ["2026-09", "2026-10", "2026-11"]
    big = line_svg("Intelligence reports by assessment", months, {f"intelligence graded {g}": [25, 28, 0] for g in "ABCDE"})
    assert all(f">intelligence graded {g}<" in big for g in "ABCDE") and "…" not in big
    small = line_svg("Swinbrook", months, {"missing episodes": [46, 58, 0], "children repeat missing": [10, 8, 0],
                                           "intelligence reports": [113, 131, 0]}, small=True)
    assert ">children repeat missing<" in small and ">missing episodes<" in small and "…" not in small
    value_labels = re.findall(r'<g class="axis y always_show">(.*?)</g>\s*</g>', small, re.DOTALL)
    assert value_labels and len(re.findall(r"<text[^>]*>", value_labels[0])) <= 7


def test_the_area_list_escapes_names_and_partners_see_no_place_counts(area_world, clients):
    page = clients["analyst"].get("/areas").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ward" in page and "<script>alert" not in page
    assert 'href="/profile?area=ward:west"' in page and "<th scope=\"col\">Places</th>" in page
    partner = clients["partner"].get("/api/v1/areas").get_json()["items"]
    assert {a["name"] for a in partner} == {"West", HOSTILE} and all("places" not in a for a in partner)


def test_the_analyst_profile_page_shows_the_figures_with_charts_and_tables(area_world, clients, settings):
    response = clients["analyst"].get(WEST_PROFILE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    headline = page[page.index("Headline figures"):page.index("Victims, offenders and locations")]
    assert re.search(r"Children at risk</th>\s*<td class=\"profile-now\">2</td><td>1</td><td>1</td>", headline)
    assert "Police version" in page
    charts = chart_texts(page)
    assert len(charts) == 13 and all("<script" not in svg for svg in charts)
    # the hostile ethnicity is text in the table and in the chart, never markup
    assert HOSTILE_ETHNICITY not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    ethnicity = next(svg for svg in charts if "by ethnicity" in svg)
    assert "<img" not in ethnicity and "&lt;img src=x" in ethnicity
    last = AuditLog.of(settings).newest(1, action="profile.view")[0]
    assert "area=ward:west" in last.detail


def test_the_partner_gets_the_partner_version_only(area_world, clients):
    page = clients["partner"].get(WEST_PROFILE).get_data(as_text=True)
    page = shown(page)
    assert "Partner version" in page and "fewer than 3" in page
    assert "C1" not in page and "A1" not in page and HOSTILE_ETHNICITY not in page
    answer = clients["partner"].get("/api/v1/" + WEST_PROFILE[1:]).get_json()
    assert answer["partner"] is True and answer["victims"]["total"] is None
    assert answer["withheld"]["victims.total"].startswith("withheld: a count below 3")
    analyst = clients["analyst"].get("/api/v1/" + WEST_PROFILE[1:]).get_json()
    assert analyst["victims"]["total"] == 2 and analyst["indicators"]["by_month"][0]["missing_episodes"] == 3


def test_a_hostile_area_name_is_inert_on_its_profile_and_print_pages(area_world, clients):
    path = f"/areas/{quote(east_id(area_world), safe=':')}/profile?from=2026-03-01&to=2026-03-31"
    for url in (path, path.replace("/profile?", "/profile/print?")):
        page = clients["analyst"].get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ward" in page


def test_wrong_requests_are_answered_with_reasons(area_world, clients):
    assert clients["analyst"].get("/areas/ward:nowhere/profile").status_code == 404
    bad = clients["analyst"].get("/api/v1/areas/ward:west/profile?from=2026-13-01")
    assert bad.status_code == 400 and "from: '2026-13-01' is not a date" in bad.get_data(as_text=True)
    backwards = clients["analyst"].get("/api/v1/areas/ward:west/profile?from=2026-03-01&to=2026-02-01")
    assert backwards.status_code == 400
    assert clients["admin"].get("/areas").status_code == 403
    assert clients[None].get("/api/v1/areas").status_code == 401


def test_the_profile_page_asks_for_area_period_and_meeting_and_shares_the_view(area_world, clients):
    form = clients["analyst"].get("/profile").get_data(as_text=True)  # no force loaded: the form alone
    assert 'name="area"' in form and 'name="since"' in form and "Choose an area" in form
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ward (ward)" in form and "<script>alert" not in form
    page = clients["analyst"].get("/profile?area=West&from=2026-03-01&to=2026-03-31&since=2026-03-15")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Problem profile: West" in text
    assert '<option value="ward:west" selected>' in text
    assert 'href="/profile/pdf?area=ward:west&amp;from=2026-03-01&amp;to=2026-03-31&amp;since=2026-03-15"' in text
    assert re.search(r"Children at risk</th>\s*<td class=\"profile-now\">2</td><td>1</td><td>1</td>", text)


def test_the_page_says_a_profile_is_being_worked_out_then_shows_it_kept(area_world, clients, monkeypatch):
    monkeypatch.setattr(profile_cache, "PAGE_WAIT_SECONDS", 0)
    url = "/areas/ward:west/profile?from=2026-02-01&to=2026-03-31"  # asked for by no other test
    first = clients["analyst"].get(url).get_data(as_text=True)
    assert "is being worked out" in first and '<meta http-equiv="refresh" content="3">' in first
    assert "Headline figures" not in first
    made = clients["analyst"].get("/api/v1" + url).get_json()  # the API waits for the same work
    assert made["area"]["area_id"] == "ward:west" and made["from"] == "2026-02-01"
    ready = clients["analyst"].get(url).get_data(as_text=True)  # kept: shown at once, audited again
    assert "Headline figures" in ready and "is being worked out" not in ready


def test_the_profile_api_takes_the_area_as_a_parameter_one_shape_with_reasons(area_world, clients):
    analyst = clients["analyst"].get("/api/v1/profile?area=ward:west&from=2026-03-01&to=2026-03-31").get_json()
    assert analyst["area"]["name"] == "West" and analyst["victims"]["total"] == 2 and analyst["withheld"] == {}
    assert analyst == clients["analyst"].get("/api/v1/" + WEST_PROFILE[1:].split("&since")[0]).get_json()
    partner = clients["partner"].get("/api/v1/profile?area=West&from=2026-03-01&to=2026-03-31").get_json()
    [march] = partner["indicators"]["by_month"]
    assert march["notices_issued"] is None and march["withheld"]["notices_issued"].startswith("withheld: a count")
    assert set(partner) == set(analyst)
    no_area = clients["analyst"].get("/api/v1/profile?from=2026-03-01&to=2026-03-31")
    assert no_area.status_code == 400 and "area: give the area's ID or name" in no_area.get_data(as_text=True)
    assert clients["analyst"].get("/api/v1/profile?area=Nowhere").status_code == 404
    backwards = clients["analyst"].get("/api/v1/profile?area=West&from=2026-03-31&to=2026-03-01")
    assert backwards.status_code == 400 and backwards.get_json()["message"] == "to: 2026-03-01 is before from 2026-03-31"
    assert clients[None].get("/api/v1/profile?area=West").status_code == 401


def test_the_pack_downloads_as_a_pdf_audited(area_world, clients, settings):
    from test_profile_cli import pdf_text

    response = clients["partner"].get("/profile/pdf?area=ward:west&from=2026-03-01&to=2026-03-31")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert 'filename="profile-ward-west-2026-03-01-2026-03-31-partner.pdf"' in response.headers["Content-Disposition"]
    folder = settings.home / "pdf-test"
    folder.mkdir(exist_ok=True)
    (folder / "pack.pdf").write_bytes(response.data)
    text = pdf_text(folder / "pack.pdf")
    assert "Partner version" in text and "Children at risk by age band" in text and "fewer than 3" in text
    assert "C1" not in text and "A1" not in text
    entry = AuditLog.of(settings).newest(1, action="profile.export")[0]
    assert "area=ward:west" in entry.detail and "partner=True" in entry.detail


# -- in Chromium --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(settings, area_world, web_users):  # noqa: F811
    with serving(create_app(settings)) as base:
        yield base


@pytest.mark.browser
def test_the_profile_page_in_chromium_shows_the_headlines_first_and_runs_nothing_hostile(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems, dialogs, requests = [], [], []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    log_in(page, server, "analyst")
    page.goto(server + WEST_PROFILE)
    headline = page.locator(".profile-headlines tbody tr").first
    assert headline.inner_text().split("\t")[:2] == ["Children at risk", "2"]
    assert headline.bounding_box()["y"] + headline.bounding_box()["height"] < 900  # on the first screen
    images = page.locator("figure img")
    assert images.count() == 13
    assert all(page.evaluate("(img) => img.naturalWidth > 0", images.nth(i).element_handle()) for i in range(13))
    page.goto(server + f"/areas/{quote('ward:script-alert-1-script-ward', safe=':')}/profile?from=2026-03-01&to=2026-03-31")
    assert page.locator("h1").inner_text().startswith("Problem profile: " + HOSTILE)
    assert not dialogs and not problems
    assert all(url.startswith(server) or url.startswith("data:") for url in requests)
    context.close()
