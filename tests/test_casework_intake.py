"""Casework intake against the real Neo4j: CSE concern levels on a child, and the detail of
missing episodes (where from, how long), with the errors a user gets for a bad record."""

from __future__ import annotations

import json
from datetime import date

import pytest
from ingest_files import BASE, one, only, rejected, write_jsonl

from ingest import ingest_paths

CONCERN = {"type": "cse_concern", "concern_id": "C1", "person_id": "P1", "level": "2",
           "assessed_on": "2025-02-01", "assessed_by": "DS Kaur",
           "risk_factors": ["missing_episodes", "seen_in_cars_with_unknown_adults"], "review_on": "2025-05-01"}


@pytest.fixture
def base(db, tmp_path):
    folder = tmp_path / "base"
    folder.mkdir()
    write_jsonl(folder / "base.jsonl", BASE)
    ingest_paths(db, [folder])
    return db


def load(db, tmp_path, name, records):
    folder = tmp_path / name
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", records)
    return ingest_paths(db, [folder])


def test_a_concern_is_stored_on_the_child_and_its_history_kept(base, tmp_path):
    later = {**CONCERN, "concern_id": "C2", "level": 3, "assessed_on": "2025-04-01", "review_on": None}
    del later["review_on"]
    report = load(base, tmp_path, "one", [CONCERN, later])
    assert report.created["cse_concern"] == 2
    rows = base.read_text("MATCH (c:CseConcern)-[:CONCERNS]->(:Person {person_id: 'P1'}) "
                          "RETURN c.concern_id AS id, c.level AS level, c.assessed_on AS on, c.risk_factors AS rf "
                          "ORDER BY c.assessed_on", {})
    assert [(r["id"], r["level"], r["on"]) for r in rows] == [("C1", "2", date(2025, 2, 1)), ("C2", "3", date(2025, 4, 1))]
    assert rows[0]["rf"] == ["missing_episodes", "seen_in_cars_with_unknown_adults"]
    again = load(base, tmp_path, "again", [CONCERN, later])
    assert again.created["cse_concern"] == 0 and again.updated["cse_concern"] == 0


def test_a_concern_in_csv_with_risk_factors_split_on_semicolons(base, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "cse_concern.csv").write_text(
        "concern_id,person_id,level,assessed_on,assessed_by,risk_factors,review_on\n"
        "C5,P1,1,2025-01-10,PC Ross,school_absence;present_at_hotspots,\n", encoding="utf-8")
    ingest_paths(base, [folder])
    row = one(base, "MATCH (c:CseConcern {concern_id: 'C5'}) RETURN c.risk_factors AS rf, c.review_on AS r")
    assert row == {"rf": ["school_absence", "present_at_hotspots"], "r": None}


@pytest.mark.parametrize("change, field, reason", [
    ({"level": "4"}, "level", "'4' is not one of: 1, 2, 3"),
    ({"level": "high"}, "level", "'high' is not one of: 1, 2, 3"),
    ({"risk_factors": ["missing_episodes", "gifts"]}, "risk_factors", "item 2 'gifts' is not one of: missing_episodes"),
    ({"assessed_on": "2025-02-30"}, "assessed_on", "'2025-02-30' is not a date (YYYY-MM-DD)"),
    ({"review_on": "2025-01-01"}, "review_on", "is before assessed_on"),
    ({"assessed_by": None}, "assessed_by", "required"),
    ({"person_id": "P404"}, "person_id", "neither in this ingest nor already stored"),
])
def test_a_bad_concern_is_refused_with_file_line_field_and_reason(base, tmp_path, change, field, reason):
    record = {k: v for k, v in {**CONCERN, **change}.items() if v is not None}
    lines = '{"type": "person", "person_id": "P77"}\n' + json.dumps(record) + "\n"
    rejects = rejected(base, tmp_path, {"c.jsonl": lines})
    assert reason in only(rejects, "c.jsonl", 2, field).reason
    assert base.read_text("MATCH (p:Person {person_id: 'P77'}) RETURN p", {}) == []  # all or nothing


def test_missing_episode_detail_is_stored_and_older_files_still_load(base, tmp_path):
    detail = {"type": "missing_episode", "episode_id": "E20", "person_id": "P1",
              "reported_at": "2025-03-10T10:00:00Z", "missing_from": "school", "duration_hours": 2.5}
    plain = {"type": "missing_episode", "episode_id": "E21", "person_id": "P1", "reported_at": "2025-03-12T22:00:00Z"}
    load(base, tmp_path, "detail", [detail, plain])
    rows = base.read_text("MATCH (e:MissingEpisode) WHERE e.episode_id IN ['E20', 'E21'] "
                          "RETURN e.episode_id AS id, e.missing_from AS f, e.duration_hours AS h ORDER BY id", {})
    assert rows == [{"id": "E20", "f": "school", "h": 2.5}, {"id": "E21", "f": None, "h": None}]


@pytest.mark.parametrize("change, field, reason", [
    ({"missing_from": "street"}, "missing_from", "'street' is not one of: home, care, school, other"),
    ({"duration_hours": 0}, "duration_hours", "is not a number of hours"),
    ({"duration_hours": "two"}, "duration_hours", "'two' is not a number"),
])
def test_bad_missing_detail_is_refused(base, tmp_path, change, field, reason):
    record = {"type": "missing_episode", "episode_id": "E30", "person_id": "P1",
              "reported_at": "2025-03-10T10:00:00Z", **change}
    rejects = rejected(base, tmp_path, {"m.jsonl": json.dumps(record) + "\n"})
    assert reason in only(rejects, "m.jsonl", 1, field).reason


NOTICE = {"type": "notice", "notice_id": "N9", "adult_id": "P2", "child_id": "P1", "basis": "s2_caa_1984",
          "issued_on": "2025-03-01", "status": "withdrawn", "ended_on": "2025-04-01"}


def test_a_notice_that_ended_keeps_its_day_and_one_without_a_day_still_loads(base, tmp_path):
    expired = {**NOTICE, "notice_id": "N10", "status": "expired"}
    undated = {k: v for k, v in {**NOTICE, "notice_id": "N11"}.items() if k != "ended_on"}
    load(base, tmp_path, "ended", [NOTICE, expired, undated])
    rows = base.read_text("MATCH (n:Notice) WHERE n.notice_id IN ['N9', 'N10', 'N11'] "
                          "RETURN n.notice_id AS id, n.status AS status, toString(n.ended_on) AS ended ORDER BY id", {})
    assert rows == [{"id": "N10", "status": "expired", "ended": "2025-04-01"},
                    {"id": "N11", "status": "withdrawn", "ended": None},
                    {"id": "N9", "status": "withdrawn", "ended": "2025-04-01"}]


def test_a_notice_ending_in_csv(base, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "notice.csv").write_text("notice_id,adult_id,child_id,basis,issued_on,status,ended_on\n"
                                       "N12,P2,P1,s2_caa_1984,2025-03-01,expired,2025-03-01\n"
                                       "N13,P2,P1,s2_caa_1984,2025-03-01,active,\n", encoding="utf-8")
    ingest_paths(base, [folder])
    rows = base.read_text("MATCH (n:Notice) WHERE n.notice_id IN ['N12', 'N13'] "
                          "RETURN n.notice_id AS id, toString(n.ended_on) AS ended ORDER BY id", {})
    assert rows == [{"id": "N12", "ended": "2025-03-01"}, {"id": "N13", "ended": None}]


@pytest.mark.parametrize("change, field, reason", [
    ({"ended_on": "2025-02-28"}, "ended_on", "is before issued_on (2025-03-01): a notice ends on or after"),
    ({"status": "active"}, "ended_on", "is given but status is 'active': a notice that ended is withdrawn or expired"),
    ({"status": "breached"}, "ended_on", "is given but status is 'breached'"),
    ({"ended_on": "2025-04-31"}, "ended_on", "'2025-04-31' is not a date (YYYY-MM-DD)"),
])
def test_a_bad_notice_ending_is_refused_with_file_line_field_and_reason(base, tmp_path, change, field, reason):
    lines = '{"type": "person", "person_id": "P78"}\n' + json.dumps({**NOTICE, **change}) + "\n"
    rejects = rejected(base, tmp_path, {"n.jsonl": lines})
    assert reason in only(rejects, "n.jsonl", 2, field).reason
    assert base.read_text("MATCH (p:Person {person_id: 'P78'}) RETURN p", {}) == []  # all or nothing
