"""Data is inert everywhere: hostile text in every free-text field of the intake format, and in
what users type (purpose, decision reasons, action notes), opened on every page, map document,
pack, export and API answer in real Chromium as every role.

Every payload calls ``__fired(field)``, a function the browser context exposes: a call from any
page or frame names the field whose text ran. A Content Security Policy report in the console
means hostile markup reached a document (and only the policy stopped it): that fails too.
``{{7*'7'}}`` would read ``7777777`` if any text were rendered as a template.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import re
import time
from datetime import date

import pytest
from test_web_fixtures import BY_ROLE, PASSWORD, csrf_token, login, serving, web_users, world, write_world  # noqa: F401

from graph_service.analysis.networks import list_networks, run_networks
from graph_service.db import connect
from graph_service.web import create_app
from graph_service.web.networks import RUN_CHECK_SECONDS
from ingest import ingest_paths

pytestmark = pytest.mark.browser

#: Free-text fields of the intake format (docs/intake-format.md), by record type.
FREE_TEXT = {
    "person": ("forename", "surname", "gender", "ethnicity", "aliases"),
    "vehicle": ("make", "model", "colour"),
    "location": ("name", "address", "postcode"),
    "intel": ("summary", "handling_conditions"),
}
#: What a template engine would make of ``{{7*'7'}}``.
TEMPLATE_RESULT = "7777777"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def hostile(field: str, lead: str = "=") -> str:
    """Text that, anywhere it is not treated as text, calls ``__fired(field)``: a spreadsheet
    formula first, then template syntax, quotes, closing tags, scripts, event handlers, an SVG,
    a javascript: URL and a JavaScript template literal."""
    call = f"__fired('{field}')"
    return (f'{lead}HYPERLINK("https://example.invalid/{field}","open") {{{{7*7}}}}{{{{7*\'7\'}}}} '
            f'"quoted" \'single\' </title></textarea></script><script>{call}</script>'
            f'<img src=x onerror="{call}"><svg onload="{call}"></svg>'
            f'<a href="javascript:{call}">link</a> `${{{call}}}` \\')


def hostile_world(today: date) -> list[dict]:
    """The dashboard tests' world (tests/test_web_fixtures.py) with hostile text in every
    free-text field of every record, and in the IDs of one place and one report."""
    leads = iter(("=", "+", "-", "@") * 20)
    records = []
    for record in world(today):
        record = dict(record)
        for field in FREE_TEXT.get(record["type"], ()):
            key = record.get("person_id") or record.get("location_id") or record.get("intel_id") or record["vrm"]
            text = hostile(f"{record['type']}.{field}.{key}", next(leads))
            record[field] = [text] if field == "aliases" else text
        records.append(record)
    return rename(records, {"L2": "L2'\"<svg onload=\"__fired('location_id')\">{{7*'7'}}",
                            "I3": "I3\"'><img src=x onerror=\"__fired('intel_id')\">"})


def rename(records: list[dict], ids: dict[str, str]) -> list[dict]:
    keys = ("location_id", "found_location_id", "intel_id", "object_id", "subject_id")
    return [{k: (ids.get(v, v) if k in keys and isinstance(v, str) else v) for k, v in r.items()} for r in records]


def typed(field: str) -> str:
    """What a user types into a form field, just as hostile (short enough for every field)."""
    call = f"__fired('typed.{field}')"
    return f"@SUM(1) {{{{7*'7'}}}}\"'</title></script><script>{call}</script><img src=x onerror=\"{call}\">"


@pytest.fixture(scope="module")
def hostile_store(neo4j_server, settings, tmp_path_factory):
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("hostile"), hostile_world(date.today()))])
        run_networks(db, seed=42)
        time.sleep(RUN_CHECK_SECONDS)  # pages notice a new run within this time
        (network,) = list_networks(db)
        yield {"db": db, "network_id": network["network_id"]}


@pytest.fixture(scope="module")
def app(settings, hostile_store, web_users):  # noqa: F811
    return create_app(settings)


@pytest.fixture(scope="module")
def lead(app):
    """A disruption lead who has reviewed a candidate and planned against the network, typing
    hostile text into every box."""
    client = app.test_client()
    assert login(client, BY_ROLE["disruption_lead"], purpose=typed("purpose")).status_code == 303
    return client


@pytest.fixture(scope="module")
def decided(lead, hostile_store):
    page = lead.get("/candidates").get_data(as_text=True)
    answer = lead.post("/candidates/decision", data={"csrf_token": csrf_token(page), "adult_id": "P2",
                                                    "child_id": "P1", "decision": "approved",
                                                    "reason": typed("reason")})
    assert answer.status_code == 303
    page = lead.get("/disruption").get_data(as_text=True)
    answer = lead.post("/disruption/plan", data={"csrf_token": csrf_token(page),
                                                "network_id": str(hostile_store["network_id"])})
    assert answer.status_code == 303
    page = lead.get("/disruption").get_data(as_text=True)
    action_id = html.unescape(re.findall(r'action="/disruption/actions/([^"]+)"', page)[0])
    answer = lead.post(f"/disruption/actions/{action_id}", data={
        "csrf_token": csrf_token(page), "owner": "=SUM(1)\"'<img src=x onerror=\"__fired('owner')\">",  # 100 at most
        "status": "agreed", "due_on": "", "note": typed("note")})
    assert answer.status_code == 303, answer.get_data(as_text=True).split("<main")[-1][:600]
    return hostile_store


@pytest.fixture(scope="module")
def server(app, decided):
    with serving(app) as base:
        yield base


def paths_for(role: str, network_id: int) -> list[str]:
    """Every page, map document, pack and API answer the role may open."""
    analysts = [
        "/search?q=HYPERLINK", "/people/P1", "/people/P2", "/people/P3", "/people/P4", "/people/P1/map",
        "/people/P2/map", "/people/P3/map", "/vehicles/AB12CDE", "/vehicles/AB12CDE/map", "/locations/L1",
        "/locations/L1/map", "/networks", "/networks/map", f"/networks/{network_id}", f"/networks/{network_id}/map",
        "/hotspots", "/hotspots/map", "/hotspots/print",
        "/api/v1/summary", "/api/v1/search?q=HYPERLINK", "/api/v1/people?q=HYPERLINK", "/api/v1/people/P2",
        "/api/v1/people/P2/network", "/api/v1/vehicles/AB12CDE", "/api/v1/locations/L1", "/api/v1/networks",
        f"/api/v1/networks/{network_id}", "/api/v1/hotspots", "/api/v1/hotspots/cells",
    ]
    by_role = {
        "analyst": analysts,
        "disruption_lead": analysts + ["/candidates", "/candidates/pack.html", "/disruption",
                                       "/disruption/actions.html", "/api/v1/candidates", "/api/v1/disruption/actions"],
        "partner": ["/networks", "/hotspots", "/hotspots/map", "/hotspots/print", "/api/v1/summary",
                    "/api/v1/networks/summaries", "/api/v1/hotspots", "/api/v1/hotspots/cells"],
        "admin": ["/admin/audit", "/admin/users"],
    }
    return ["/"] + by_role[role]


#: Printable packs: downloads, opened from the disk.
DOWNLOADS = ("/candidates/pack.html", "/disruption/actions.html")


class Browser:
    """A logged-in Chromium context that records every ``__fired`` call and console error."""

    def __init__(self, browser, base: str, role: str):
        self.context = browser.new_context()
        self.fired: list[tuple[str, str]] = []
        self.problems: list[str] = []
        self.context.expose_binding("__fired", lambda source, field: self.fired.append((source["frame"].url, field)))
        self.page = self.context.new_page()
        # A resource that fails shows as a response below; an injected <img> would also be
        # refused its onerror handler, which the console reports.
        self.page.on("console", lambda m: m.type == "error" and "Failed to load resource" not in m.text
                     and self.problems.append(f"{self.page.url}: {m.text}"))
        self.page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico")
                     and self.problems.append(f"{r.url}: {r.status}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"{self.page.url}: script error {e}"))
        self.base = base
        self.page.goto(base + "/login")
        self.page.get_by_label("User name").fill(BY_ROLE[role])
        self.page.get_by_label("Password", exact=True).fill(PASSWORD)
        self.page.get_by_label("Purpose of this session (optional)").fill(typed("purpose"))
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_load_state()

    def open(self, path: str):
        if path in DOWNLOADS:  # a pack is saved and opened from the disk: no server, no header
            response = self.context.request.get(self.base + path)
            assert response.ok and "attachment" in response.headers["content-disposition"], path
            self.page.goto("about:blank")  # out of the last page, and so of its policy
            self.page.set_content(response.text())
            return response
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        for frame in self.page.frames:
            frame.wait_for_load_state("load")
        return response

    def documents(self) -> list[str]:
        return [frame.content() for frame in self.page.frames]

    def close(self):
        self.context.close()


@pytest.mark.parametrize("role", ["analyst", "disruption_lead", "partner", "admin"])
def test_no_text_from_data_runs_on_any_page_for_any_role(browser, server, decided, role):
    b = Browser(browser, server, role)
    try:
        for path in paths_for(role, decided["network_id"]):
            response = b.open(path)
            assert response.status == 200, (path, response.status)
            for document in b.documents():
                assert TEMPLATE_RESULT not in document, path
            links = b.page.evaluate("() => [...document.querySelectorAll('a[href^=\"javascript:\"]')].length")
            assert links == 0, path
        assert b.fired == [], b.fired
        assert b.problems == [], b.problems
    finally:
        b.close()


def test_hostile_text_shows_as_literal_text(browser, server, decided):
    b = Browser(browser, server, "analyst")
    try:
        people = {r["person_id"]: r for r in hostile_world(date.today()) if r["type"] == "person"}
        b.open("/people/P2")
        heading = b.page.locator("h1").inner_text()
        assert people["P2"]["forename"] in heading and people["P2"]["surname"] in heading
        assert people["P2"]["aliases"][0] in b.page.locator("main").inner_text()
        assert typed("purpose") in b.page.locator(".purpose").inner_text()
        # The person's map: the title names the person, as text.
        b.open("/people/P2/map")
        assert b.page.title() == f"Locations linked to {people['P2']['forename']} {people['P2']['surname']}"
        # A place's map: its name in the title and in the marker's tooltip, as text.
        place = next(r for r in hostile_world(date.today()) if r.get("location_id") == "L1")
        b.open("/locations/L1/map")
        assert b.page.title() == place["name"]
        b.page.locator("path.leaflet-interactive").first.hover()
        assert place["name"] in b.page.locator(".leaflet-tooltip").inner_text()
        assert b.fired == [] and b.problems == [], (b.fired, b.problems)
    finally:
        b.close()


def test_map_documents_allow_only_the_scripts_the_service_wrote(app, lead, decided):
    """No nonce is written into a finished map document (it would bless injected scripts
    too); the policy names each script the service generated by its hash instead."""
    for path in ("/people/P2/map", "/locations/L1/map", f"/networks/{decided['network_id']}/map", "/hotspots/map"):
        for _ in range(2):  # the second hot spot map comes from the cache
            response = lead.get(path)
            page = response.get_data(as_text=True)
            policy = response.headers["Content-Security-Policy"]
            scripts = dict(re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S))
            assert scripts, path
            assert "nonce" not in policy and all("nonce" not in attributes for attributes in scripts), path
            allowed = set(re.findall(r"'(sha256-[^']+)'", policy))
            inline = [body for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
                      if "src=" not in attributes]
            assert inline and {_hash(body) for body in inline} == allowed, path


def _hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_exports_neutralise_formulas_and_quote_every_cell(lead, decided):
    for path in ("/candidates.csv", "/disruption/actions.csv"):
        text = lead.get(path).get_data(as_text=True)
        found = cells(text)
        if "actions" in path:  # names and notes: the hostile text is there...
            assert any("HYPERLINK" in cell for cell in found) and any("SUM(1)" in cell for cell in found)
        assert [c for c in found if c.startswith(FORMULA_START)] == [], path  # ...never as a formula
        # A spreadsheet that splits cells on ";" (as in many European locales) must not find a
        # new cell starting inside one of ours: every cell is quoted (OWASP).
        for line in text.splitlines():
            assert line.startswith('"') and line.endswith('"'), (path, line[:80])


def test_printable_packs_refuse_every_script_even_opened_from_the_disk(lead, decided):
    """A pack is a download, read later with no server behind it: its own policy allows no
    script at all, whatever the text in it."""
    for path in DOWNLOADS:
        page = lead.get(path).get_data(as_text=True)
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
        assert policy and policy.group(1).startswith("default-src 'none';") and "script-src" not in policy.group(1)
        assert page.index("Content-Security-Policy") < page.index("HYPERLINK")


def test_network_drawing_labels_are_data_not_markup(lead, decided):
    page = lead.get("/people/P2").get_data(as_text=True)
    embedded = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in embedded and "HYPERLINK" in embedded


def test_search_text_and_ids_reach_the_audit_page_as_text(browser, server, decided):
    b = Browser(browser, server, "analyst")
    try:
        b.open("/search?q=" + "%3Cscript%3E__fired('search')%3C%2Fscript%3E")
    finally:
        b.close()
    admin = Browser(browser, server, "admin")
    try:
        admin.open("/admin/audit")
        assert "<script>__fired('search')</script>" in admin.page.locator("main").inner_text()
        assert admin.fired == [] and b.fired == [] and admin.problems == [], (admin.fired, admin.problems)
    finally:
        admin.close()


def test_standalone_map_export_is_inert_offline(browser, tmp_path):
    import geopandas as gpd

    from maps import base_map, export
    from maps.layers import add_locations

    name = hostile("export.name")
    places = gpd.GeoDataFrame([{"location_id": "L9", "name": name, "category": "hotel"}],
                              geometry=gpd.points_from_xy([-1.47], [53.38]), crs=4326)
    m = base_map((-1.5, 53.35, -1.44, 53.41), tiles="none", title=hostile("export.title"))
    add_locations(m, places)
    page = export.standalone_html(m)
    assert TEMPLATE_RESULT not in page
    path = tmp_path / "map.html"
    path.write_text(page, encoding="utf-8")
    context = browser.new_context()
    fired = []
    context.expose_binding("__fired", lambda source, field: fired.append(field))
    try:
        tab = context.new_page()
        tab.goto(path.as_uri())
        assert tab.title() == hostile("export.title")
        tab.locator("path.leaflet-interactive").first.hover()
        assert name in tab.locator(".leaflet-tooltip").inner_text()
        assert fired == []
    finally:
        context.close()


def test_map_text_is_never_run_as_a_template():
    """folium hands each element's rendered script to branca as a new Jinja template: text
    inside it would run as template code on the server (here, Python's own os module)."""
    import os

    import geopandas as gpd

    from maps import base_map, export
    from maps.layers import add_locations

    name = "{{7*'7'}} {{ cycler.__init__.__globals__.os.getpid() }}"
    places = gpd.GeoDataFrame([{"location_id": "L9", "name": name, "category": "hotel"}],
                              geometry=gpd.points_from_xy([-1.47], [53.38]), crs=4326)
    m = base_map((-1.5, 53.35, -1.44, 53.41), tiles="none", title=name)
    add_locations(m, places)
    for page in (export.served_html(m), export.standalone_html(m)):
        assert TEMPLATE_RESULT not in page and f" {os.getpid()}<" not in page
        assert html.unescape(page).count(name) == 2  # the title, and the marker's tooltip


def test_a_map_with_a_script_the_service_did_not_write_is_refused():
    """The policy of a map names its one script by hash; a script anywhere else in the
    document (an element's header, say) is refused rather than served unnamed or blessed."""
    import folium

    from maps import base_map, export

    m = base_map((-1.5, 53.35, -1.44, 53.41), tiles="none", title="Hot spots")
    m.get_root().header.add_child(folium.Element("<script>window.extra = 1</script>"))
    with pytest.raises(export.UnsafeMap):
        export.served_document(m)
