"""Notices recorded as casework over the real Neo4j, through the real ingest: the legal basis
checked on the day, a notice served only for an approved candidate, the alerts evaluated at
every change (a notice served makes later contact a breach; one withdrawn stops them), the list
in order of concern, bad changes refused with nothing written, and the command line."""

from __future__ import annotations

import getpass
import json
from datetime import date, timedelta

import pytest
from ingest_files import write_jsonl

from graph_service.analysis import notices
from graph_service.analysis.alerts import store
from graph_service.analysis.candidates import review
from graph_service.security.audit import AuditLog
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j

TODAY = date.today()


def day(n: int) -> str:
    """``n`` days ago."""
    return (TODAY - timedelta(days=n)).isoformat()


def born(years: int) -> str:
    return (TODAY - timedelta(days=int(years * 365.25) + 30)).isoformat()


PEOPLE = [
    {"type": "person", "person_id": "A1", "forename": "Dan", "surname": "Coe", "dob": born(35)},
    {"type": "person", "person_id": "A2", "forename": "Lee", "surname": "Fry", "dob": born(40)},
    {"type": "person", "person_id": "A3", "dob": born(17)},  # a child: never served
    {"type": "person", "person_id": "M1", "forename": "Jo", "surname": "Hart", "dob": born(45)},
    {"type": "person", "person_id": "C1", "forename": "Amy", "surname": "Hart", "dob": born(14)},
    {"type": "person", "person_id": "C2", "forename": "Kim", "surname": "Roe", "dob": born(17)},
    {"type": "person", "person_id": "C3", "dob": born(15)},
    {"type": "care_status", "person_id": "C2", "status": "care_order", "start_on": day(800)},
    {"type": "family", "person_id": "C3", "relative_id": "A2", "relation": "parent"},
]


def sighting(sid: str, days_ago: int, people: list[str]) -> dict:
    return {"type": "sighting", "sighting_id": sid, "observed_at": f"{day(days_ago)}T21:00:00Z",
            "location_id": "L1", "source": "officer", "person_ids": people}


PLACE = {"type": "location", "location_id": "L1", "name": "Park Hotel", "category": "hotel", "lat": 53.38,
         "lon": -1.47}


def load(db, tmp_path, name: str, records: list[dict]):
    folder = tmp_path / name
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", records)
    return ingest_paths(db, [folder])


def approve(db, adult_id: str, child_id: str, decision: str = "approved"):
    review.record_decision(db, adult_id, child_id, decision, "seen together", user="d.lead")


def breaches(db) -> list[dict]:
    return store.inbox(db, ["role:disruption_lead"], 1, 200, "breach").items


def test_the_basis_must_hold_for_the_child_on_the_day(db, tmp_path):
    load(db, tmp_path, "people", PEOPLE)
    for adult, child in (("A1", "C1"), ("A1", "C2"), ("A2", "C3"), ("A3", "C1")):
        approve(db, adult, child)
    refusals = {
        ("A1", "C1", "s49_ca_1989"): "needs a care order",              # 14, no order
        ("A1", "C2", "s2_caa_1984"): "covers a child under 16",          # 17
        ("A2", "C3", "s2_caa_1984"): "connected with the child",         # a parent
        ("A3", "C1", "s2_caa_1984"): "must be 18 or over",               # a child is not served
    }
    for (adult, child, basis), reason in refusals.items():
        with pytest.raises(review.ReviewError, match=f"basis: .*{reason}"):
            notices.serve(db, adult, child, basis, day(3), "PC 123 Smith", user="d.lead")
    assert notices.notices_page(db, 1, 50) == ([], 0)  # nothing written
    served, _ = notices.serve(db, "A1", "C2", "s49_ca_1989", day(3), "PC 123 Smith", user="d.lead")
    assert served["status"] == "active" and served["served_by"] == "PC 123 Smith" and served["basis"] == "s49_ca_1989"
    assert served["warnings"] and "no permission statement" in served["warnings"][0]


def test_a_notice_is_served_for_an_approved_candidate_only(db, tmp_path):
    load(db, tmp_path, "people", PEOPLE)
    with pytest.raises(notices.NotApproved, match="there is no decision"):
        notices.serve(db, "A1", "C1", "s2_caa_1984", day(3), "PC 1", user="d.lead")
    approve(db, "A1", "C1")
    approve(db, "A1", "C1", "rejected")
    with pytest.raises(notices.NotApproved, match="the newest decision is rejected"):
        notices.serve(db, "A1", "C1", "s2_caa_1984", day(3), "PC 1", user="d.lead")
    approve(db, "A1", "C1")
    with pytest.raises(review.ReviewError, match="served_by: is required"):
        notices.serve(db, "A1", "C1", "s2_caa_1984", day(3), "  ", user="d.lead")
    statement = notices.record_statement(db, "A1", "C1", "M1", day(4), user="d.lead")
    served, _ = notices.serve(db, "A1", "C1", "s2_caa_1984", day(3), "PC 1", user="d.lead")
    assert served["warnings"] == []
    shown = notices.notice(db, served["notice_id"])
    assert shown["adult_name"] == "Dan Coe" and shown["child_name"] == "Amy Hart"
    assert [s["statement_id"] for s in shown["statements"]] == [statement["statement_id"]]
    assert shown["statements"][0]["made_by_name"] == "Jo Hart"


def test_breaches_follow_a_notice_served_and_withdrawn_in_the_dashboard(db, tmp_path):
    """The boundaries: the day of the notice, after it, the adult alone, a different child, and
    a withdrawn notice (contact before the withdrawal still counts, none from its day on)."""
    load(db, tmp_path, "people", PEOPLE + [PLACE])
    approve(db, "A1", "C1")
    served, created = notices.serve(db, "A1", "C1", "s2_caa_1984", day(20), "PC 1", user="d.lead")
    assert created == []
    notice_id = served["notice_id"]
    load(db, tmp_path, "contact", [
        sighting("S-day", 20, ["A1", "C1"]),          # the day of the notice: no
        sighting("S-after", 15, ["A1", "C1"]),        # after it: yes
        sighting("S-alone", 14, ["A1"]),              # the adult alone: no
        sighting("S-other", 13, ["A1", "C2"]),        # a different child: no
    ])
    raised = breaches(db)
    assert [a["evidence"][1]["id"] for a in raised] == ["S-after"]
    assert raised[0]["summary"].startswith(f"Dan Coe (A1) was seen (officer) with Amy Hart (C1) on {day(15)}")
    assert raised[0]["notice_id"] == notice_id

    changed, _ = notices.end(db, notice_id, "withdrawn", day(8), "the family moved away", user="d.lead")
    assert changed["status"] == "withdrawn" and changed["ended_on"] == date.fromisoformat(day(8))
    load(db, tmp_path, "later", [
        sighting("S-before-end", 10, ["A1", "C1"]),   # recorded late, while the notice was in force: yes
        sighting("S-end-day", 8, ["A1", "C1"]),       # the day it was withdrawn: no
        sighting("S-after-end", 5, ["A1", "C1"]),     # after the withdrawal: no
    ])
    assert sorted(a["evidence"][1]["id"] for a in breaches(db)) == ["S-after", "S-before-end"]
    assert len(notices.notice(db, notice_id)["breaches"]) == 2


def test_the_list_is_in_order_of_concern_with_reasons(db, tmp_path):
    load(db, tmp_path, "people", PEOPLE + [PLACE])
    for child in ("C1", "C2", "C3"):
        approve(db, "A1", child)
    quiet, _ = notices.serve(db, "A1", "C1", "s2_caa_1984", day(30), "PC 1", user="d.lead")
    ended, _ = notices.serve(db, "A1", "C3", "s2_caa_1984", day(30), "PC 1", user="d.lead")
    notices.end(db, ended["notice_id"], "expired", day(2), "reviewed: no longer needed", user="d.lead")
    breached, _ = notices.serve(db, "A1", "C2", "s49_ca_1989", day(40), "PC 2", user="d.lead")
    load(db, tmp_path, "contact", [sighting("S1", 10, ["A1", "C2"])])
    items, total = notices.notices_page(db, 1, 2)
    assert total == 3
    assert [n["notice_id"] for n in items] == [breached["notice_id"], quiet["notice_id"]]
    assert items[0]["reason"] == f"breached: 1 breach alert, the latest on {day(10)}"
    assert items[1]["reason"] == f"active since {day(30)}"
    (last,), _ = notices.notices_page(db, 2, 2)
    assert last["reason"] == f"expired on {day(2)}: reviewed: no longer needed"


def count(db) -> str:
    return db.read_text("MATCH (n) RETURN count(n) AS nodes, COUNT { MATCH ()-[r]->() RETURN r } AS relationships")


@pytest.mark.parametrize("change, message", [
    (lambda db, n: notices.end(db, n, "withdrawn", day(40), "r", user="u"), "before the notice's date"),
    (lambda db, n: notices.end(db, n, "withdrawn", (TODAY + timedelta(days=1)).isoformat(), "r", user="u"),
     "in the future"),
    (lambda db, n: notices.end(db, n, "withdrawn", day(1), " ", user="u"), "reason: is required"),
    (lambda db, n: notices.end(db, n, "withdrawn", None, "r", user="u"), "ended_on: is required"),
    (lambda db, n: notices.end(db, n, "breached", day(1), "r", user="u"), "status: a notice ends"),
    (lambda db, n: notices.end(db, "notice-none", "expired", day(1), "r", user="u"), "notice_id: no notice"),
    (lambda db, n: notices.serve(db, "A1", "C1", "s2_caa_1984", "2026-02-30", "PC 1", user="u"), "issued_on"),
    (lambda db, n: notices.record_statement(db, "A1", "C1", "NOPE", day(1), user="u"), "made_by_id: no person"),
])
def test_bad_changes_are_refused_naming_the_field_and_write_nothing(db, tmp_path, change, message):
    load(db, tmp_path, "people", PEOPLE)
    approve(db, "A1", "C1")
    served, _ = notices.serve(db, "A1", "C1", "s2_caa_1984", day(30), "PC 1", user="d.lead")
    before = count(db)
    with pytest.raises(review.ReviewError, match=message):
        change(db, served["notice_id"])
    assert count(db) == before
    assert notices.notice(db, served["notice_id"])["status"] == "active"


def test_an_ended_notice_does_not_end_again(db, tmp_path):
    load(db, tmp_path, "people", PEOPLE)
    approve(db, "A1", "C1")
    served, _ = notices.serve(db, "A1", "C1", "s2_caa_1984", day(30), "PC 1", user="d.lead")
    notices.end(db, served["notice_id"], "withdrawn", day(2), "moved", user="d.lead")
    with pytest.raises(review.ReviewError, match="is withdrawn; it cannot become expired"):
        notices.end(db, served["notice_id"], "expired", day(1), "r", user="d.lead")


def test_the_command_line_serves_lists_withdraws_and_is_audited(db, tmp_path, cli, settings):
    load(db, tmp_path, "people", PEOPLE + [PLACE, sighting("S1", 2, ["A1", "C1"])])
    refused = cli("notices", "serve", "--adult", "A1", "--child", "C1", "--basis", "s2_caa_1984",
                  "--issued-on", day(5), "--officer", "PC 1")
    assert refused.returncode == 1 and "approved candidate" in refused.stderr
    approve(db, "A1", "C1")
    served = cli("notices", "serve", "--adult", "A1", "--child", "C1", "--basis", "s2_caa_1984",
                 "--issued-on", day(5), "--officer", "PC 1")
    assert served.returncode == 0, served.stderr
    assert "1 new alerts" in served.stdout and "no permission statement" in served.stderr
    listed = json.loads(cli("notices", "list", "--json").stdout)
    (item,) = listed["items"]
    assert item["adult_name"] == "Dan Coe" and item["reason"].startswith("breached: 1 breach alert")
    notice_id = item["notice_id"]
    bad = cli("notices", "withdraw", notice_id, "--on", "2026-13-01", "--reason", "moved")
    assert bad.returncode == 1 and "ended_on" in bad.stderr
    done = cli("notices", "withdraw", notice_id, "--on", day(1), "--reason", "moved")
    assert done.returncode == 0, done.stderr
    assert json.loads(cli("notices", "show", notice_id).stdout)["status"] == "withdrawn"
    actions = [(e.action, e.ids) for e in AuditLog.of(settings).entries() if e.action.startswith("notice")]
    assert ("notice.serve", [notice_id, "A1", "C1"]) in actions and ("notice.end", [notice_id, "A1", "C1"]) in actions
    assert ("notices.view", ["A1", "C1"]) in actions and ("notice.view", [notice_id, "A1", "C1"]) in actions


def test_the_command_line_prints_the_letter_escaped_self_contained_and_audited(db, tmp_path, cli, settings):
    hostile = '<script>alert("x")</script>'
    audited_before = len(list(AuditLog.of(settings).entries()))  # the session's log: earlier tests print letters too
    load(db, tmp_path, "letter", [*PEOPLE[:1], {**PEOPLE[4], "surname": hostile},
                                  {"type": "notice", "notice_id": "CAWN-1", "adult_id": "A1", "child_id": "C1",
                                   "basis": "s2_caa_1984", "issued_on": day(9), "status": "active"}])
    printed = cli("notices", "letter", "CAWN-1")
    assert printed.returncode == 0, printed.stderr
    letter = printed.stdout
    assert "Child Abduction Warning Notice" in letter and "Dan Coe" in letter and born(35) in letter
    assert "section 2 of the Child Abduction Act 1984" in letter
    assert hostile not in letter and "&lt;script&gt;" in letter
    assert "script-src 'none'" in letter and "<script" not in letter.replace("&lt;script", "")  # nothing runs
    assert "<style>" in letter and "href=" not in letter  # nothing fetched: its style inline
    assert f"Printed by cli:{getpass.getuser()}" in letter
    out = tmp_path / "letter.html"
    written = cli("notices", "letter", "CAWN-1", "--out", str(out))
    assert written.returncode == 0 and out.read_text(encoding="utf-8") == letter.rstrip("\n")
    unknown = cli("notices", "letter", "CAWN-404")
    assert unknown.returncode == 1 and "CAWN-404" in unknown.stderr
    letters = [e for e in list(AuditLog.of(settings).entries())[audited_before:] if e.action == "notice.letter"]
    assert [e.ids for e in letters] == [["CAWN-1", "A1", "C1"]] * 2
    assert all(e.user == f"cli:{getpass.getuser()}" for e in letters)
