"""Stored review dates (graph_service/analysis/retention/due_dates.py) over a real Neo4j: every
record's stored date is the one the policy gives it in Python, after an ingest, after re-ingests
that change what a date depends on, after decisions, and after a change of policy; and the queue
read from them is the queue worked out from every record (docs/retention.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from ingest_files import write_jsonl

from graph_service.analysis.retention import due_dates, policy, queue
from ingest import ingest_paths

#: The ID property of each label under review.
KEYS = {"Intel": "intel_id", "Link": "link_id", "MissingEpisode": "episode_id", "Sighting": "sighting_id",
        "CareStatus": "care_status_key", "Notice": "notice_id", "PermissionStatement": "statement_id",
        "CseConcern": "concern_id", "Contact": "contact_id", "Phone": "number", "OnlineAccount": "account_key",
        "Person": "person_id", "Vehicle": "vrm", "Location": "location_id"}


def stored_dates(db) -> dict[tuple[str, str], str | None]:
    """Every record under review with its stored review date."""
    rows = []
    for label, key in KEYS.items():
        rows += db.read_text(f"MATCH (n:{label}) RETURN $type AS record_type, n.{key} AS record_id, "
                             "toString(n.review_due) AS due", {"type": due_dates.LABELS[label]})
    rows += db.read_text("MATCH (c:Person)-[n:HAS_RELATIVE]->(r:Person) RETURN 'family' AS record_type, "
                         "c.person_id + '|' + r.person_id + '|' + n.relation AS record_id, "
                         "toString(n.review_due) AS due")
    return {(r["record_type"], r["record_id"]): r["due"] for r in rows}


def policy_dates(db, keys) -> dict[tuple[str, str], str | None]:
    """The same records' review dates worked out in Python from what is stored (policy.review_date)."""
    rows = db.read("retention/record", records=[{"record_type": t, "record_id": i} for t, i in keys])
    found = {}
    for row in rows:
        due = queue.review_date(row)
        found[(row["record_type"], row["record_id"])] = due.date.isoformat() if due else None
    return found


def assert_dates_agree(db) -> dict:
    stored = stored_dates(db)
    assert stored, "no records under review"
    assert stored == policy_dates(db, stored)
    return stored


def whole_queue(db, due_by: date, per_page: int = 200) -> list[tuple[str, str, str]]:
    listed, page = [], 1
    while True:
        found = queue.due(db, due_by, page, per_page)
        listed += [(i["record_type"], i["record_id"], i["review_date"]) for i in found.items]
        if page * per_page >= found.total:
            assert len(listed) == found.total
            return listed
        page += 1


@pytest.fixture
def scenario(db, tmp_path):
    from ingest.scenario import generate

    folder = generate(seed=11, size="small", out=tmp_path / "scenario")
    ingest_paths(db, [folder])
    return json.loads((folder / "ground_truth.json").read_text())


def test_every_stored_date_is_the_policys_and_the_queue_is_every_due_record_in_order(db, scenario):
    stored = assert_dates_agree(db)
    as_of = date.fromisoformat(scenario["as_of"])
    expected = sorted(((t, i, d) for (t, i), d in stored.items() if d and d <= as_of.isoformat()),
                      key=lambda row: (row[2], row[0], row[1]))
    assert len(expected) > 100 and len({t for t, _, _ in expected}) >= 5
    assert whole_queue(db, as_of, per_page=97) == expected
    assert queue.due(db, as_of, 1, 25).total == len(expected)


def _first(db, text: str) -> dict:
    return db.read_text(text)[0]


def test_re_ingests_and_decisions_keep_every_stored_date_the_policys(db, scenario, tmp_path):
    # A stored report re-graded E (its links' dates follow it), a sighting re-dated, a person
    # given a review date, a family tie given one: one re-ingest, then decisions.
    report = _first(db, "MATCH (i:Intel)-[:REPORTS]->(l:Link) WHERE i.intelligence_assessment <> 'E' "
                        "AND i.review_date IS NULL AND l.review_date IS NULL "
                        "RETURN i.intel_id AS id ORDER BY id LIMIT 1")["id"]
    links = [r["id"] for r in db.read_text("MATCH (:Intel {intel_id: $id})-[:REPORTS]->(l:Link) "
                                           "RETURN l.link_id AS id", {"id": report})]
    before = stored_dates(db)
    regraded = _row_of(tmp_path / "scenario", "intel", "intel_id", report)
    regraded["intelligence_assessment"] = "E"
    sighting = _first(db, "MATCH (s:Sighting {source: 'anpr'}) WHERE s.review_date IS NULL "
                          "RETURN s.sighting_id AS id ORDER BY id LIMIT 1")["id"]
    redated = _row_of(tmp_path / "scenario", "sighting", "sighting_id", sighting)
    redated["observed_at"] = "2019-01-02T20:00:00Z"
    person = _first(db, "MATCH (p:Person) RETURN p.person_id AS id ORDER BY id LIMIT 1")["id"]
    tie = _first(db, "MATCH (c:Person)-[r:HAS_RELATIVE]->(p:Person) "
                     "RETURN c.person_id AS child, p.person_id AS relative, r.relation AS relation LIMIT 1")
    other = db.read_text("MATCH (i:Intel) WHERE i.intel_id <> $id RETURN i.intel_id AS id ORDER BY id LIMIT 1",
                         {"id": report})[0]
    # New links citing stored reports (one re-graded in the same ingest), without dates of their own.
    new_links = [{"type": "link", "link_id": f"K-NEW-{n}", "intel_id": cited, "subject_type": "person",
                  "subject_id": person, "relation": "associates_with", "object_type": "person",
                  "object_id": tie["child"]} for n, cited in enumerate((report, other["id"]))]
    write_jsonl(tmp_path / "again.jsonl", [
        regraded, redated, {"type": "person", "person_id": person, "review_date": "2020-02-02"},
        {"type": "family", "person_id": tie["child"], "relative_id": tie["relative"], "relation": tie["relation"],
         "review_date": "2020-03-03"}, *new_links])
    ingest_paths(db, [tmp_path / "again.jsonl"])
    after = assert_dates_agree(db)
    assert after[("intel", report)] != before[("intel", report)]
    assert any(after[("link", link)] != before[("link", link)] for link in links)  # graded E: a year
    assert after[("sighting", sighting)] == "2020-01-02"  # an ANPR read: a year on
    assert after[("person", person)] == "2020-02-02"
    assert after[("family", f"{tie['child']}|{tie['relative']}|{tie['relation']}")] == "2020-03-03"
    graded_e = policy.add_months(date.fromisoformat(regraded["reported_on"]), 12)  # its report's date + a year
    assert after[("link", "K-NEW-0")] == graded_e.isoformat()
    assert after[("link", "K-NEW-1")] is not None
    queue.retain(db, report, "still linked to an open investigation", "ana", "intel", today=date(2026, 1, 1))
    queue.retain(db, person, "still needed", "ana", "person", today=date(2026, 1, 1))
    assert_dates_agree(db)


def _row_of(folder, kind: str, key: str, value: str) -> dict:
    """The scenario's intake record of ``kind`` whose ``key`` is ``value`` (from its JSON Lines file)."""
    for line in (folder / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row[key] == value:
            return row
    raise AssertionError(f"no {kind} {value} in the scenario")


def test_a_change_of_policy_dates_every_record_again_once(db, scenario, monkeypatch, tmp_path):
    as_of = date.fromisoformat(scenario["as_of"])
    total_before = queue.due(db, as_of).total
    # Every line a year shorter (at least a year): more records are due.
    shorter = tuple(policy.PolicyLine(line.record_type, max(12, line.months - 12), line.reason, line.field, line.values)
                    for line in policy.POLICY)
    monkeypatch.setattr(policy, "POLICY", shorter)
    assert not due_dates.up_to_date(db)
    dated = due_dates.bring_up_to_date(db)
    assert dated and dated >= sum(1 for d in stored_dates(db).values() if d)
    assert due_dates.up_to_date(db) and due_dates.bring_up_to_date(db) is None  # once
    assert_dates_agree(db)
    assert queue.due(db, as_of).total > total_before
    # An ingest under a policy the store's dates were not set under dates the store first.
    monkeypatch.setattr(policy, "POLICY", tuple(reversed(shorter)))
    write_jsonl(tmp_path / "one.jsonl", [{"type": "person", "person_id": "NEW-1"}])
    ingest_paths(db, [tmp_path / "one.jsonl"])
    assert due_dates.up_to_date(db)
    assert_dates_agree(db)
