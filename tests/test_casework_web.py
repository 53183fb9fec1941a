"""Casework in the dashboard over the real Neo4j: the concerns list and its filters, the
person page's concern history and missing-episode detail, and who may see them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_web_fixtures import (  # noqa: F401  (fixtures)
    app,
    clients,
    web_users,
    world,
    write_world,
)

from graph_service.db import connect
from graph_service.security.audit import AuditLog
from ingest import ingest_paths

HOSTILE = '<script>alert("x")</script>'


def casework_records(today: date) -> list[dict]:
    def day(n: int) -> str:
        return (today - timedelta(days=n)).isoformat()

    return [
        {"type": "cse_concern", "concern_id": "C1", "person_id": "P1", "level": "1", "assessed_on": day(200),
         "assessed_by": "PC Ross", "risk_factors": ["missing_episodes"], "review_on": day(100)},
        {"type": "cse_concern", "concern_id": "C2", "person_id": "P1", "level": "3", "assessed_on": day(30),
         "assessed_by": HOSTILE, "risk_factors": ["seen_in_cars_with_unknown_adults", "present_at_hotspots"],
         "review_on": (today + timedelta(days=60)).isoformat()},
        {"type": "cse_concern", "concern_id": "C3", "person_id": "P4", "level": "2", "assessed_on": day(40),
         "assessed_by": "DS Kaur", "risk_factors": ["school_absence"]},
        {"type": "missing_episode", "episode_id": "E7", "person_id": "P1", "reported_at": f"{day(5)}T10:00:00Z",
         "missing_from": "school", "duration_hours": 2.5},
        {"type": "missing_episode", "episode_id": "E8", "person_id": "P1", "reported_at": f"{day(3)}T22:00:00Z",
         "found_at": f"{day(2)}T08:00:00Z", "missing_from": "care", "return_interview_on": day(1)},
    ]


@pytest.fixture(scope="module")
def loaded(neo4j_server, settings, tmp_path_factory):
    today = date.today()
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [write_world(tmp_path_factory.mktemp("world"), world(today) + casework_records(today))])
        yield db


def test_the_concerns_list_shows_each_child_at_their_current_level_highest_first(loaded, clients):
    body = clients["analyst"].get("/concerns").get_data(as_text=True)
    assert body.index("Amy Hart") < body.index("Kim Roe")  # level 3 before level 2
    assert "Level 3" in body and "Level 1" not in body  # only the newest assessment counts
    assert HOSTILE not in body and "&lt;script&gt;" in body


@pytest.mark.parametrize("query, shown, hidden", [
    ("level=2", "Kim Roe", "Amy Hart"),
    ("level=3", "Amy Hart", "Kim Roe"),
    ("risk_factor=school_absence", "Kim Roe", "Amy Hart"),
    ("risk_factor=missing_episodes", None, "Amy Hart"),  # a factor of P1's older assessment only
])
def test_the_concerns_list_filters_by_level_and_risk_factor(loaded, clients, query, shown, hidden):
    body = clients["analyst"].get(f"/concerns?{query}").get_data(as_text=True)
    if shown:
        assert shown in body
    assert hidden not in body


@pytest.mark.parametrize("query", ["level=4", "risk_factor=gifts", "page=0"])
def test_a_bad_filter_is_a_400_naming_it(loaded, clients, query):
    response = clients["analyst"].get(f"/concerns?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.get_data(as_text=True)


def test_the_person_page_shows_the_concern_history_and_missing_detail(loaded, clients):
    body = clients["analyst"].get("/people/P1").get_data(as_text=True)
    assert "Current level of CSE concern: Level 3" in body
    history = body.split('id="concern-history"', 1)[1].split("</table>", 1)[0]
    assert history.index("Level 3") < history.index("Level 1") and "review overdue" in history
    detail = body.split('id="missing-detail"', 1)[1].split("</table>", 1)[0]
    assert "school" in detail and "2.5" in detail  # a part-day absence from school counts
    assert "care" in detail and "(in time)" in detail
    assert "repeat-missing" in body  # three episodes within 90 days (E1, E7, E8)
    assert HOSTILE not in body


def test_partners_and_nobody_get_no_concerns(loaded, clients):
    assert clients["partner"].get("/concerns").status_code == 403
    assert clients["admin"].get("/concerns").status_code == 403
    assert clients[None].get("/concerns").status_code == 302


def test_viewing_the_concerns_list_is_audited_with_the_children_shown(loaded, clients, settings):
    clients["disruption_lead"].get("/concerns?level=2")
    entry = [e for e in AuditLog.of(settings).entries() if e.action == "concerns.view"][-1]
    assert entry.ids == ["P4"]


def test_the_api_answers_the_same_filtered_list_a_page_at_a_time(loaded, clients):
    answer = clients["analyst"].get("/api/v1/concerns?per_page=1").get_json()
    assert answer["total"] == 2 and answer["pages"] == 2 and answer["next"]
    assert answer["items"][0]["person_id"] == "P1" and answer["items"][0]["level"] == "3"
    assert clients["analyst"].get("/api/v1/concerns?level=2").get_json()["items"][0]["person_id"] == "P4"
    assert clients["analyst"].get("/api/v1/concerns?level=9").status_code == 400
    assert clients["partner"].get("/api/v1/concerns").status_code == 403
