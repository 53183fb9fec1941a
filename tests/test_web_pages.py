"""What the pages and the API show: grades beside facts, handling conditions, the timeline,
search, networks before and after detection, the MACSE hot spot view, and clear errors."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
import re
import threading
import time

import pytest
from test_web_fixtures import C_CONDITIONS, PEOPLE, app, clients, csrf_token, loaded, web_users  # noqa: F401

from graph_service.analysis.networks import run_networks
from graph_service.security.audit import AuditLog
from graph_service.web.networks import RUN_CHECK_SECONDS


def text(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


# -- home -------------------------------------------------------------------------------------

def test_home_shows_counts_recent_intelligence_missing_episodes_and_open_actions(loaded, clients):
    data = clients["analyst"].get("/api/v1/summary").get_json()
    assert data["counts"]["people"] == 4 and data["counts"]["children"] == 2
    assert data["counts"]["intel_reports"] == 3 and data["counts"]["still_missing"] == 1
    assert [i["intel_id"] for i in data["recent_intel"]] == ["I3", "I2", "I1"]
    i2 = data["recent_intel"][1]
    assert (i2["grade"], i2["handling_code"], i2["handling_conditions"]) == ("1A", "C", C_CONDITIONS)
    assert [m["episode_id"] for m in data["recent_missing"]] == ["E2", "E1"]
    actions = data["actions"]
    assert [a["person_id"] for a in actions["still_missing"]] == ["P4"]
    assert [a["episode_id"] for a in actions["return_interviews_due"]] == ["E1"]
    assert [a["intel_id"] for a in actions["intel_reviews_due"]] == ["I1"]

    page = text(clients["analyst"].get("/"))
    assert "Recent intelligence" in page and "Open actions" in page
    assert C_CONDITIONS in page  # code C content on the page: its conditions beside it


def test_partner_home_shows_aggregates_only(loaded, clients):
    data = clients["partner"].get("/api/v1/summary").get_json()
    assert data["role_view"] == "partner"
    assert data["counts"]["intel_reports_shareable"] is None  # I1 and I3 (I2 is code C): two, withheld
    assert set(data) == {"role_view", "counts"}


# -- search -----------------------------------------------------------------------------------

@pytest.mark.parametrize("query, kind, expected", [
    ("hart", "people", ["P1"]),
    ("AMES", "people", ["P1"]),           # alias, any case
    ("danny", "people", ["P2"]),
    ("ab12 cde", "vehicles", ["AB12CDE"]),  # registration as typed, spaces and case ignored
    ("ab12cde", "vehicles", ["AB12CDE"]),
    ("kebab", "locations", ["L1"]),
    ("s12ab", "locations", ["L1"]),       # postcode without its space
])
def test_search_finds_by_name_alias_registration_and_place(loaded, clients, query, kind, expected):
    data = clients["analyst"].get("/api/v1/search", query_string={"q": query}).get_json()
    key = {"people": "person_id", "vehicles": "vrm", "locations": "location_id"}[kind]
    assert [row[key] for row in data[kind]["items"]] == expected
    assert data[kind]["total"] == len(expected) and data[kind]["next"] is None


def test_people_api_answers_items_with_person_ids(loaded, clients):
    data = clients["analyst"].get("/api/v1/people?q=oe").get_json()
    assert sorted(item["person_id"] for item in data["items"]) == ["P2", "P4"]  # Coe, Roe


@pytest.mark.parametrize("query", ["", "x", "z" * 101])
def test_search_text_must_be_2_to_100_characters(loaded, clients, query):
    response = clients["analyst"].get("/api/v1/people", query_string={"q": query})
    assert response.status_code == 400
    assert "2 to 100 characters" in response.get_json()["message"]


def test_search_of_spaces_only_finds_nothing(loaded, clients):
    assert clients["analyst"].get("/api/v1/people", query_string={"q": "   "}).get_json()["items"] == []
    assert clients["analyst"].get("/api/v1/search", query_string={"q": "  "}).get_json()["people"]["items"] == []


def test_search_results_are_paged_per_kind_best_match_first_and_only_what_is_shown_is_audited(
        loaded, clients, settings):
    analyst = clients["analyst"]
    everyone = analyst.get("/api/v1/people?q=oe").get_json()  # Coe, Roe
    assert everyone["total"] == 2 and everyone["pages"] == 1
    first = analyst.get("/api/v1/people?q=oe&per_page=1").get_json()
    assert (first["total"], first["pages"], len(first["items"])) == (2, 2, 1)
    second = analyst.get(first["next"]).get_json()
    assert second["next"] is None
    assert [first["items"][0]["person_id"], second["items"][0]["person_id"]] == [
        p["person_id"] for p in everyone["items"]]
    assert AuditLog.of(settings).newest(1, action="search")[0].ids == [second["items"][0]["person_id"]]
    page = text(analyst.get("/search?q=oe&people_per_page=1"))
    assert "People (2)" in page and "1–1 of 2 people" in page and "people_page=2" in page
    assert analyst.get("/api/v1/search?q=oe&people_page=0").status_code == 400


@pytest.mark.parametrize("query, people", [
    ('coe"', ["P2"]), ("coe~", ["P2"]), ("co*", ["P2"]), ("(coe", ["P2"]), ("coe )", ["P2"]), ("AND", []),
    ("coe\\", ["P2"]), ("coe:", ["P2"]), ('"~*(\\', []), ("OR NOT", []), ("[a TO z]", []), ("dan && coe", ["P2"]),
])
def test_hostile_search_text_is_searched_for_as_words_never_as_lucene_syntax(loaded, clients, query, people):
    response = clients["analyst"].get("/api/v1/search", query_string={"q": query})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert [row["person_id"] for row in response.get_json()["people"]["items"]] == people
    assert clients["analyst"].get("/search", query_string={"q": query}).status_code == 200


def test_search_page_lists_results_with_links(loaded, clients):
    page = text(clients["analyst"].get("/search?q=coe"))
    assert 'href="/people/P2"' in page and "Dan Coe" in page


# -- people -----------------------------------------------------------------------------------

def test_person_has_grades_beside_every_fact_and_a_timeline(loaded, clients):
    person = clients["analyst"].get("/api/v1/people/P1").get_json()
    assert person["name"] == "Amy Hart" and person["child"] is True and person["age"] == 14
    assert person["care_statuses"][0]["status"] == "care_order"
    (link,) = person["links"]["items"]
    assert (link["link_id"], link["grade"], link["handling_code"], link["other"]["id"]) == ("K1", "2B", "P", "P2")
    assert [(item["kind"], item["id"], item["grade"]) for item in person["timeline"]["items"]] == [
        ("sighting", "S1", "1A"), ("missing_episode", "E1", "1A"), ("intel", "I1", "2B")]
    assert {loc["location_id"]: loc["how"] for loc in person["locations"]["items"]} == {
        "L1": ["found there after a missing episode"], "L2": ["sighting (anpr)"]}

    page = text(clients["analyst"].get("/people/P1"))
    assert page.count('class="grade') >= 8
    assert "recorded" in page and ">2B<" in page


def test_code_c_conditions_are_shown_wherever_code_c_content_is(loaded, clients):
    person = clients["analyst"].get("/api/v1/people/P2").get_json()
    assert person["handling_conditions"] == [C_CONDITIONS]
    c_links = [link for link in person["links"]["items"] if link["handling_code"] == "C"]
    assert {link["link_id"] for link in c_links} == {"K2", "K6"}
    assert all(link["handling_conditions"] == C_CONDITIONS for link in c_links)
    page = text(clients["analyst"].get("/people/P2"))
    assert page.count(C_CONDITIONS) >= 3  # the summary, each code C link, the timeline item
    assert text(clients["analyst"].get("/people/P4")).count(C_CONDITIONS) >= 2


def test_person_network_has_people_and_graded_ties(loaded, clients):
    network = clients["analyst"].get("/api/v1/people/P2/network").get_json()
    assert {n["person_id"] for n in network["nodes"]} == {"P1", "P2", "P3", "P4"}
    assert [n["person_id"] for n in network["nodes"] if n["focus"]] == ["P2"]
    ties = {(e["source"], e["target"]): e for e in network["edges"]}
    assert set(ties) == {("P1", "P2"), ("P2", "P3"), ("P2", "P4")}
    assert set(ties[("P1", "P2")]["kinds"]) == {"associates_with", "found_with", "seen_together"}
    assert ties[("P2", "P4")]["grade"] == "1A" and ties[("P2", "P4")]["handling_conditions"] == [C_CONDITIONS]
    page = text(clients["analyst"].get("/people/P2"))
    embedded = json.loads(re.search(r'<script type="application/json" id="network-data">(.*?)</script>',
                                    page, re.S).group(1))
    assert embedded == network
    assert "cytoscape.min.js" in page


def test_person_map_is_a_framed_leaflet_document_with_its_script_named_by_hash(loaded, clients):
    response = clients["analyst"].get("/people/P1/map")
    page = text(response)
    assert "/static/maps/leaflet/leaflet.js" in page and "Kebab Hut" in page
    policy = response.headers["Content-Security-Policy"]
    assert "nonce" not in policy and "nonce" not in page
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)  # the map's own, inline
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}';" in policy
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert not re.search(r"(cdn\.jsdelivr|unpkg\.com|cdnjs)", page)


def test_vehicle_and_location_pages(loaded, clients):
    vehicle = clients["analyst"].get("/api/v1/vehicles/ab12 cde").get_json()
    assert vehicle["vrm"] == "AB12CDE"
    assert [(link["other"]["id"], link["graded"], link["grade"]) for link in vehicle["links"]["items"]] == [("P2", False, "2D")]
    assert [s["sighting_id"] for s in vehicle["sightings"]["items"]] == ["S1"]
    location = clients["analyst"].get("/api/v1/locations/L2").get_json()
    assert [link["other"]["id"] for link in location["links"]["items"]] == ["P3"]
    assert {p["person_id"] for p in location["sightings"]["items"][0]["with_people"]} == {"P1", "P2"}
    found = clients["analyst"].get("/api/v1/locations/L1").get_json()["missing_episodes_found_here"]
    assert [(e["episode_id"], e["child"]["person_id"]) for e in found["items"]] == [("E1", "P1")]
    assert "ungraded" in text(clients["analyst"].get("/vehicles/AB12CDE"))
    assert "Park View Hotel" in text(clients["analyst"].get("/locations/L2"))


# -- networks: before and after detection --------------------------------------------------------

def test_networks_say_not_yet_run_before_detection(loaded, clients):
    assert clients["analyst"].get("/api/v1/networks").get_json() == {
        "has_run": False, "items": [], "total": 0, "page": 1, "pages": 1, "next": None}
    assert clients["partner"].get("/api/v1/networks/summaries").get_json() == {"has_run": False, "items": []}
    assert clients["partner"].get("/networks/1").status_code == 404
    for role in ("analyst", "partner"):
        page = text(clients[role].get("/networks"))
        assert "has not been run yet" in page and "graph-service networks detect" in page


@pytest.fixture(scope="module")
def detected(loaded):
    run_networks(loaded, seed=42)
    time.sleep(RUN_CHECK_SECONDS)  # pages notice a new run within this time


def test_networks_after_detection(detected, clients):
    data = clients["analyst"].get("/api/v1/networks").get_json()
    assert data["has_run"] is True
    (network,) = data["items"]
    assert network["members"] == 4 and network["children_at_risk"] == 2
    # Two adults tied to two unrelated children: of concern, rank 1, and the page says why.
    assert network["rank"] == 1 and (data["total"], data["page"], data["pages"], data["next"]) == (1, 1, 1, None)
    assert network["reasons"][0] == "2 children at risk"
    page = text(clients["analyst"].get("/networks"))
    assert f"Network {network['network_id']}" in page and "2 children at risk" in page
    assert "1 network of concern, of 1 groups found" in " ".join(page.split())
    detail = clients["analyst"].get(f"/api/v1/networks/{network['network_id']}").get_json()
    assert {m["person_id"] for m in detail["members"]["items"]} == set(PEOPLE)
    assert detail["members"]["total"] == 4 and detail["ties"]["total"] == len(detail["drawing"]["edges"])
    assert {n["person_id"] for n in detail["drawing"]["nodes"]} == set(PEOPLE)
    assert detail["drawing"]["edges"]
    assert "Dan Coe" in text(clients["analyst"].get(f"/networks/{network['network_id']}"))


def test_a_networks_places_show_how_many_items_of_evidence_put_members_there(detected, clients):
    network_id = clients["analyst"].get("/api/v1/networks").get_json()["items"][0]["network_id"]
    places = clients["analyst"].get(f"/api/v1/networks/{network_id}").get_json()["locations"]
    assert places and all(isinstance(place["items"], int) and place["items"] >= 1 for place in places)
    page = clients["analyst"].get(f"/networks/{network_id}").get_data(as_text=True)
    table = page.split('id="places-heading"', 1)[1].split("</table>", 1)[0]
    shown = re.findall(r"<tr><td><a [^>]*>([^<]+)</a></td>.*?<td>([^<]*)</td></tr>", table, re.S)
    assert shown == [(place["name"], str(place["items"])) for place in places]
    # The map under the table shows the same places, by kind, with how many members are there.
    frame = clients["analyst"].get(f"/networks/{network_id}/map").get_data(as_text=True)
    for place in places:
        assert place["name"] in frame and f"members of the network there: {place['members']}" in frame
        assert f"Locations: {place['category'].replace('_', ' ').capitalize()}" in frame


def test_the_networks_list_is_paged_and_refuses_bad_pages(detected, clients):
    client = clients["analyst"]
    other = client.get("/api/v1/networks?group=other").get_json()
    assert other["items"] == [] and other["total"] == 0
    beyond = client.get("/api/v1/networks?page=2&per_page=1").get_json()
    assert beyond["items"] == [] and beyond["total"] == 1 and beyond["next"] is None
    for query in ("page=0", "page=x", "per_page=0", "per_page=201", "page=%C2%B2", "group=all"):
        answer = client.get(f"/api/v1/networks?{query}")
        assert answer.status_code == 400, query
        assert query.split("=")[0] in answer.get_json()["message"], query
    assert client.get("/networks?per_page=0").status_code == 400


def test_a_networks_members_and_ties_are_paged_key_players_and_strongest_ties_first(detected, clients, settings):
    client = clients["analyst"]
    network_id = client.get("/api/v1/networks").get_json()["items"][0]["network_id"]
    whole = client.get(f"/api/v1/networks/{network_id}").get_json()
    ranks = [m["key_player_rank"] for m in whole["members"]["items"]]
    assert ranks[0] == 1 and ranks == sorted(ranks, key=lambda r: r or 10**6)
    weights = [t["weight"] for t in whole["ties"]["items"]]
    assert weights == sorted(weights, reverse=True) and whole["ties"]["items"][0]["source_name"]
    paged = client.get(f"/api/v1/networks/{network_id}?members_per_page=1&members_page=2&ties_per_page=1").get_json()
    assert paged["members"]["items"] == whole["members"]["items"][1:2] and paged["members"]["pages"] == 4
    assert paged["ties"]["items"] == whole["ties"]["items"][:1] and "ties_page=2" in paged["ties"]["next"]
    page = text(client.get(f"/networks/{network_id}?members_per_page=2"))
    assert "1–2 of 4 members" in page and "members_page=2" in page
    assert client.get(f"/networks/{network_id}?ties_page=0").status_code == 400
    assert client.get(f"/api/v1/networks/{network_id}?members_per_page=201").status_code == 400


def test_a_network_item_asked_for_by_many_at_once_is_made_once(detected, app):
    # After a detection run every network page is new: requests arriving together for one
    # of them must not each redo its queries and rendering.
    cache = app.extensions["network_pages"]
    made = []
    start = threading.Barrier(8)

    def make():
        made.append(1)
        time.sleep(0.2)
        return "the item"

    def ask(answers):
        with app.app_context():
            start.wait()
            answers.append(cache.get(("test item", 1), make))

    answers: list = []
    threads = [threading.Thread(target=ask, args=(answers,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["the item"] * 8
    assert len(made) == 1


def test_partner_network_summary_uses_code_p_intelligence_only(detected, clients):
    data = clients["partner"].get("/api/v1/networks/summaries").get_json()
    (summary,) = data["items"]
    # P1-P2 (I1) and P2-P3 (I3) are code P; P4 is tied only by code C (I2): not counted.
    assert summary["members"] == 3
    assert summary["children"] is None  # one child: fewer than 3 is withheld
    assert summary["shareable_ties"] is None and summary["reports"] is None  # two of each: withheld
    assert sorted(m["pseudonym"] for m in summary["member_list"]) == ["Member 1", "Member 2", "Member 3"]
    assert [p["name"] for p in summary["places"]] == ["Park View Hotel"]  # I3: frequents (code P)
    body = json.dumps(data)
    assert not any(name.split()[1] in body for name in PEOPLE.values())
    assert not re.search(r"\bP[1-4]\b", body)
    page = text(clients["partner"].get("/networks"))
    assert f"Network {summary['network_id']}" in page and "Amy" not in page
    assert "<caption>Members of network" not in page  # members are behind each network's own page
    own = text(clients["partner"].get(f"/networks/{summary['network_id']}"))
    assert "<caption>Members of network" in own and "Member 3" in own and "Amy" not in own
    assert "Park View Hotel" in own


def test_partner_summaries_are_worked_out_once_for_the_processes_sharing_a_folder(detected, settings, tmp_path,
                                                                                  monkeypatch):
    """As ``serve``'s worker processes share them (graph_service/web/shared_results.py): the
    second app shows the first's summaries, pseudonyms and all, without working them out."""
    from graph_service.web import create_app, networks
    from graph_service.web.shared_results import server_folder, share

    folder, apps = server_folder(tmp_path), [create_app(settings), create_app(settings)]
    for one in apps:
        share(one, folder, b"k" * 32)
    with apps[0].app_context():
        made = networks.partners()
    monkeypatch.setattr(networks, "partner_summaries", lambda: pytest.fail("worked out again"))
    with apps[1].app_context():
        assert networks.partners() == made and made and made[0]["member_list"]


# -- hot spots -----------------------------------------------------------------------------------

def test_hotspot_layer_for_analysts_counts_every_kind(loaded, clients):
    data = clients["analyst"].get("/api/v1/hotspots").get_json()
    assert data["type"] == "FeatureCollection" and data["features"]
    props = data["properties"]
    # Found after missing (E1 at L1), sighting (S1 at L2), intelligence (K4 frequents L2).
    assert props["events"] == 3
    assert props["events_by_kind"] == {"missing": 1, "sighting": 1, "intel": 1}
    assert sum(f["properties"]["count"] for f in data["features"]) == 3


def test_partner_hotspot_layer_leaves_out_sightings_and_withholds_small_counts(loaded, clients):
    data = clients["partner"].get("/api/v1/hotspots").get_json()
    assert data["properties"]["kinds"] == ["missing", "intel"]
    assert data["properties"]["events_by_kind"] is None  # one each: withheld
    counts = [f["properties"]["count"] for f in data["features"]]
    assert all(c is None or c == 0 or c >= 3 for c in counts)
    refused = clients["partner"].get("/api/v1/hotspots?kinds=sighting")
    assert refused.status_code == 400 and "sighting" in refused.get_json()["message"]


def test_hotspot_window_kinds_and_cell_controls(loaded, clients):
    analyst = clients["analyst"]
    only_missing = analyst.get("/api/v1/hotspots?kinds=missing&cell=500").get_json()["properties"]
    assert only_missing["events_by_kind"] == {"missing": 1} and only_missing["cell"] == 500
    old = analyst.get("/api/v1/hotspots?from=2020-01-01&to=2020-03-31").get_json()
    assert old["features"] == [] and old["properties"]["events"] == 0
    page = text(analyst.get("/hotspots?from=2020-01-01&to=2020-03-31"))
    assert "No events of the chosen kinds in this window" in page


@pytest.mark.parametrize("query, field", [
    ("from=2026-13-01", "from"),
    ("to=yesterday", "to"),
    ("from=2026-05-01&to=2026-04-01", "to"),
    ("from=2020-01-01&to=2026-01-01", "window"),
    ("cell=7", "cell"),
    ("kinds=rumours", "kinds"),
    # Empty values come only from hand-made URLs (the form's fields are required): refused,
    # not silently read as the default (schemathesis found these accepted).
    ("to=", "to"),
    ("from=", "from"),
    ("kinds=", "kinds"),
    ("cell=", "cell"),
])
def test_bad_hotspot_controls_are_refused_naming_the_field(loaded, clients, query, field):
    response = clients["analyst"].get(f"/api/v1/hotspots?{query}")
    assert response.status_code == 400
    message = response.get_json()["message"]
    assert field in message or (field == "window" and "at most" in message)
    assert clients["analyst"].get(f"/hotspots?{query}").status_code == 400


def test_hotspot_export_is_a_geojson_download_and_print_page_has_the_map(loaded, clients):
    response = clients["analyst"].get("/hotspots/export.geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert json.loads(response.get_data(as_text=True))["type"] == "FeatureCollection"
    # A client that accepts gzip gets the same document compressed.
    for path in ("/hotspots/export.geojson", "/api/v1/hotspots"):
        plain = clients["analyst"].get(path).get_data()
        packed = clients["analyst"].get(path, headers={"Accept-Encoding": "gzip, deflate"})
        assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
        assert gzip.decompress(packed.get_data()) == plain
    page = text(clients["analyst"].get("/hotspots/print"))
    assert "/hotspots/map?" in page and "Police only" in page
    assert "Shared with MACSE partners" in text(clients["partner"].get("/hotspots/print"))


def test_partner_hotspot_map_has_no_found_points_and_no_counts_per_place(loaded, clients):
    page = text(clients["partner"].get("/hotspots/map"))
    assert "Found after missing" not in page
    assert "found after missing:" not in page and "sightings:" not in page
    assert "12 Acre Lane" not in page
    analyst_page = text(clients["analyst"].get("/hotspots/map"))
    assert "Found after missing" in analyst_page


# -- the request log ---------------------------------------------------------------------------

def test_request_log_names_routes_never_ids_or_search_text(loaded, clients, caplog):
    with caplog.at_level(logging.INFO, logger="graph_service.requests"):
        clients["analyst"].get("/people/P1")
        clients["analyst"].get("/api/v1/people?q=hart")
        clients["analyst"].get("/vehicles/AB12CDE")
    lines = [r.getMessage() for r in caplog.records if r.name == "graph_service.requests"]
    assert any(re.fullmatch(r"GET /people/<person_id> 200 \d+ms", line) for line in lines), lines
    assert any(line.startswith("GET /api/v1/people 200") for line in lines), lines
    joined = "\n".join(lines)
    assert "P1" not in joined and "hart" not in joined and "AB12CDE" not in joined
    assert all(user not in joined for user in ("web-analyst",))


def test_the_audit_log_is_paged_newest_first_and_filtered(loaded, clients):
    for _ in range(3):
        clients["analyst"].get("/api/v1/people?q=hart")
    admin = clients["admin"]
    data = admin.get("/api/v1/audit?action=search&per_page=2").get_json()
    assert data["total"] >= 3 and len(data["items"]) == 2 and data["next"]
    assert all(e["action"] == "search" for e in data["items"])
    seqs = [e["seq"] for e in data["items"]]
    assert seqs == sorted(seqs, reverse=True)
    assert admin.get(data["next"]).get_json()["items"][0]["seq"] < seqs[-1]
    page = text(admin.get("/admin/audit?action=search&per_page=2"))
    assert f"1–2 of {data['total']} entries" in page and "action=search" in page
    assert admin.get("/admin/audit?page=0").status_code == 400


# -- candidate review and disruption plans (disruption leads) -----------------------------------

def test_candidates_and_the_pairs_that_are_not_are_paged_on_their_own_tabs(loaded, clients, settings):
    lead = clients["disruption_lead"]
    listed = lead.get("/api/v1/candidates").get_json()
    assert (listed["group"], listed["total"], listed["totals"]["candidates"], listed["next"]) == ("candidates", 2, 2, None)
    scores = [c["score"] for c in listed["items"]]
    assert scores == sorted(scores, reverse=True) and all("decision" in c for c in listed["items"])
    first = text(lead.get("/candidates?per_page=1"))
    top = listed["items"][0]
    assert f'id="line-{top["adult_id"]}-{top["child_id"]}"' in first
    assert first.count('class="candidate"') == 1
    assert f"1–1 of {listed['total']} candidates" in first
    assert "Why not" not in first  # the exclusions are on their own tab
    entry = AuditLog.of(settings).newest(1, action="candidates.view")[0]
    assert entry.ids == [top["adult_id"], top["child_id"]]  # what was shown, no more

    one = lead.get("/api/v1/candidates?per_page=1").get_json()
    assert one["items"] == listed["items"][:1] and one["pages"] == 2 and "page=2" in one["next"]
    assert AuditLog.of(settings).newest(1, action="candidates.view")[0].ids == [top["adult_id"], top["child_id"]]
    excluded_total = listed["totals"]["excluded"]
    for code, count in listed["reasons"].items():
        only = lead.get(f"/api/v1/candidates?group=excluded&reason={code}").get_json()
        assert only["total"] == count and all(e["reason_code"] == code for e in only["items"])
    assert sum(listed["reasons"].values()) == excluded_total
    for query in ("group=all", "reason=nonsense", "page=0", "per_page=201"):
        assert lead.get(f"/api/v1/candidates?{query}").status_code == 400, query

    second = text(lead.get("/candidates?per_page=1&page=2"))
    assert "2–2 of 2 candidates" in second and "2. " in second and 'rel="prev"' in second
    excluded = text(lead.get("/candidates?tab=excluded&reason=active_notice"))
    assert f"Not candidates ({excluded_total})" in excluded and 'class="candidate"' not in excluded
    for query in ("tab=all", "reason=nonsense", "page=0", "tab=excluded&per_page=500"):
        assert lead.get(f"/candidates?{query}").status_code == 400, query


def test_a_disruption_lead_reviews_a_candidate_and_the_decision_is_kept_and_audited(loaded, clients, settings):
    lead = clients["disruption_lead"]
    page = text(lead.get("/candidates"))
    assert 'id="line-P2-P1"' in page  # Dan Coe (adult) and Amy Hart (child in care)
    assert "not reviewed" in page and "section 49, Children Act 1989" in page
    assert not re.search(r"<dd>[^<]*_(caa_1984|ca_1989)", page)  # the basis in words, never its code
    refused = lead.post("/candidates/decision", data={"adult_id": "P2", "child_id": "P1", "decision": "approved",
                                                     "reason": "no token"})
    assert refused.status_code == 400
    answer = lead.post("/candidates/decision", data={"csrf_token": csrf_token(page), "adult_id": "P2",
                                                    "child_id": "P1", "decision": "approved",
                                                    "reason": "found with her after a missing episode"})
    assert answer.status_code == 303
    assert "approved by web-disruption-lead" in text(lead.get("/candidates"))
    entry = AuditLog.of(settings).newest(1, action="candidate.decision")[0]
    assert entry.ids == ["P2", "P1"] and "approved" in entry.detail
    not_listed = lead.post("/candidates/decision", data={"csrf_token": csrf_token(page), "adult_id": "P3",
                                                        "child_id": "P1", "decision": "approved", "reason": "x"})
    assert not_listed.status_code == 400
    sheet = lead.get("/candidates.csv").get_data(as_text=True)
    assert any(line.count("P2") and line.count("P1") for line in sheet.splitlines()[1:])


def test_a_disruption_lead_plans_for_a_network_and_updates_an_action(detected, clients):
    lead = clients["disruption_lead"]
    network_id = clients["analyst"].get("/api/v1/networks").get_json()["items"][0]["network_id"]
    page = text(lead.get("/disruption"))
    assert "No actions." in page
    answer = lead.post("/disruption/plan", data={"csrf_token": csrf_token(page), "network_id": str(network_id)})
    assert answer.status_code == 303
    page = text(lead.get("/disruption"))
    action_ids = re.findall(r'action="/disruption/actions/([^"]+)"', page)
    assert action_ids and "proposed" in page
    updated = lead.post(f"/disruption/actions/{action_ids[0]}", data={
        "csrf_token": csrf_token(page), "owner": "DS Example", "status": "agreed", "due_on": "", "note": ""})
    assert updated.status_code == 303
    page = text(lead.get("/disruption?status=agreed"))
    assert "DS Example" in page and page.count('action="/disruption/actions/') == 1
    assert lead.get("/disruption?status=finished").status_code == 400
