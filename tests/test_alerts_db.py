"""Alert rules over the real Neo4j, through the real ingest: which facts raise which alerts
(the day of the notice, after it, a withdrawn notice, a different child, the adult alone),
evaluation after every ingest, watches, acknowledging, and the command line."""

from __future__ import annotations

import json

import pytest
from ingest_files import write_jsonl

from graph_service.analysis import alerts
from graph_service.analysis.alerts import store
from graph_service.security.audit import AuditLog
from ingest import ingest_paths

PEOPLE = [{"type": "person", "person_id": pid} for pid in ("A1", "C1", "C2", "A2")]
PLACES = [{"type": "location", "location_id": "L1", "name": "Park Hotel", "category": "hotel", "lat": 53.38, "lon": -1.47},
          {"type": "location", "location_id": "L2", "name": "High School", "category": "school", "lat": 53.39,
           "lon": -1.46},
          {"type": "vehicle", "vrm": "AB12CDE"}]
NOTICE = {"type": "notice", "notice_id": "N1", "adult_id": "A1", "child_id": "C1", "basis": "s2_caa_1984",
          "issued_on": "2025-03-01", "status": "active"}


def sighting(sid, day, people, vrm=None, location="L1"):
    record = {"type": "sighting", "sighting_id": sid, "observed_at": f"2025-03-{day:02d}T21:00:00Z",
              "location_id": location, "source": "officer", "person_ids": people}
    if vrm:
        record["vrm"] = vrm
    return record


def load(db, tmp_path, name, records):
    folder = tmp_path / name
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", records)
    return ingest_paths(db, [folder])


def stored(db, kind=None):
    return store.inbox(db, ["role:disruption_lead", "role:analyst", "user:ana"], 1, 200, kind).items


def test_breach_boundaries_through_ingest(db, tmp_path):
    records = PEOPLE + PLACES + [
        NOTICE,
        {"type": "notice", "notice_id": "N2", "adult_id": "A2", "child_id": "C1", "basis": "s2_caa_1984",
         "issued_on": "2025-03-01", "status": "withdrawn"},
        sighting("S-day", 1, ["A1", "C1"]),              # the day of the notice: no
        sighting("S-after", 2, ["A1", "C1"]),            # after it: yes
        sighting("S-alone", 3, ["A1"]),                  # the adult alone: no
        sighting("S-other-child", 4, ["A1", "C2"]),      # a different child: no
        sighting("S-withdrawn", 5, ["A2", "C1"]),        # a withdrawn notice: no
        {"type": "missing_episode", "episode_id": "E1", "person_id": "C1", "reported_at": "2025-03-06T18:00:00Z",
         "found_at": "2025-03-07T01:00:00Z", "found_with": ["A1"]},                       # found with: yes
        {"type": "link", "link_id": "K1", "subject_type": "person", "subject_id": "A1", "relation": "uses_vehicle",
         "object_type": "vehicle", "object_id": "AB12CDE"},
        {"type": "intel", "intel_id": "I1", "reported_on": "2025-03-09", "source_evaluation": "2",
         "intelligence_assessment": "B", "handling_code": "P"},
        {"type": "link", "link_id": "K2", "intel_id": "I1", "subject_type": "person", "subject_id": "C1",
         "relation": "travelled_in", "object_type": "vehicle", "object_id": "AB12CDE",
         "observed_at": "2025-03-08T22:00:00Z"},                                          # travels with: yes
    ]
    report = load(db, tmp_path, "one", records)
    breaches = stored(db, "breach")
    assert sorted(e["id"] for a in breaches for e in a["evidence"] if e["kind"] != "notice") == ["E1", "K2", "S-after"]
    assert all(a["people"] == ["A1", "C1"] and a["recipient"] == "role:disruption_lead" for a in breaches)
    assert {a["grade"] for a in breaches} == {"1A"}  # the recorded facts; K2's own grade is 2B
    assert [e["grade"] for a in breaches for e in a["evidence"] if e["id"] == "K2"] == ["2B"]
    assert sorted(report.alerts) == sorted(a["alert_id"] for a in stored(db))


def test_a_notice_ended_by_intake_file_raises_no_breach_from_the_day_it_ended(db, tmp_path):
    ended = {**NOTICE, "status": "withdrawn", "ended_on": "2025-03-10"}
    records = PEOPLE + PLACES + [
        ended,
        sighting("S-before", 9, ["A1", "C1"]),           # the day before it ended: yes
        sighting("S-ended", 10, ["A1", "C1"]),           # the day it ended: no
        sighting("S-after", 11, ["A1", "C1"]),           # after it ended: no
    ]
    load(db, tmp_path, "ended", records)
    breaches = stored(db, "breach")
    assert [e["id"] for a in breaches for e in a["evidence"] if e["kind"] != "notice"] == ["S-before"]
    assert breaches[0]["notice_id"] == "N1"


def test_an_alert_is_raised_once_and_keeps_its_acknowledgement(db, tmp_path):
    load(db, tmp_path, "one", PEOPLE + PLACES + [NOTICE, sighting("S1", 2, ["A1", "C1"])])
    (alert,) = stored(db)
    store.acknowledge(db, alert["alert_id"], ["role:disruption_lead"], "lead", "served again <b>")
    again = load(db, tmp_path, "again", [sighting("S1", 2, ["A1", "C1"])])
    assert again.alerts == [] and alerts.evaluate(db).created == []
    (kept,) = stored(db)
    assert kept["read"] and kept["note"] == "served again <b>" and kept["acknowledged_by"] == "lead"


def test_an_alert_is_only_acknowledged_in_its_own_inbox(db, tmp_path):
    load(db, tmp_path, "one", PEOPLE + PLACES + [NOTICE, sighting("S1", 2, ["A1", "C1"])])
    (alert,) = stored(db)
    with pytest.raises(store.NoSuchAlert):
        store.acknowledge(db, alert["alert_id"], store.recipients("pat", "partner"), "pat", "seen")
    assert store.recipients("pat", "partner") == []
    assert store.inbox(db, store.recipients("pat", "partner"), 1, 50).total == 0


def test_a_watch_raises_for_new_records_naming_it_and_a_watched_vehicle_at_a_place_of_concern(db, tmp_path):
    load(db, tmp_path, "base", PEOPLE + PLACES + [sighting("S-old", 1, ["C2"], vrm="AB12CDE")])
    from datetime import date
    store.add_watch(db, "ana", "vehicle", "ab12 cde", since=date(2025, 3, 2))
    store.add_watch(db, "ana", "person", "C2", since=date(2025, 3, 2))
    assert alerts.evaluate(db).created == []  # S-old is before the watches began
    load(db, tmp_path, "new", [
        sighting("S-hotel", 3, [], vrm="AB12CDE"),
        sighting("S-school", 4, [], vrm="AB12CDE", location="L2"),
        {"type": "intel", "intel_id": "I5", "reported_on": "2025-03-05", "source_evaluation": "3",
         "intelligence_assessment": "C", "handling_code": "C", "handling_conditions": "police only",
         "summary": "<img src=x onerror=alert(1)> seen with C2"},
        {"type": "link", "link_id": "K5", "intel_id": "I5", "subject_type": "person", "subject_id": "A2",
         "relation": "associates_with", "object_type": "person", "object_id": "C2"},
    ])
    kinds = sorted((a["kind"], e["id"]) for a in stored(db) for e in a["evidence"])
    assert kinds == [("vehicle_at_place", "S-hotel"), ("watch", "I5"), ("watch", "S-hotel"), ("watch", "S-school")]
    intel = [a for a in stored(db, "watch") if a["evidence"][0]["id"] == "I5"][0]
    assert intel["recipient"] == "user:ana" and sorted(intel["people"]) == ["A2", "C2"] and intel["grade"] == "3C"
    assert intel["evidence"][0]["handling_conditions"] == "police only"
    with pytest.raises(store.NoSuchTarget):
        store.add_watch(db, "ana", "place", "L404")


def test_repeat_missing_through_ingest(db, tmp_path):
    episodes = [{"type": "missing_episode", "episode_id": f"E{n}", "person_id": "C1",
                 "reported_at": f"2025-0{n}-01T20:00:00Z", "missing_from": "home"} for n in (1, 2, 3)]
    load(db, tmp_path, "two", PEOPLE + episodes[:2])
    assert stored(db) == []
    load(db, tmp_path, "three", episodes[2:])
    (alert,) = stored(db, "repeat_missing")
    assert alert["people"] == ["C1"] and [e["id"] for e in alert["evidence"]] == ["E1", "E2", "E3"]


def test_the_inbox_lists_a_breach_before_a_newer_watch_and_acknowledged_alerts_last(db, tmp_path):
    """Unacknowledged first, then in order of concern: a named adult back with the child after a
    notice comes before what an analyst watches, even when the watch's record is newer."""
    from datetime import date

    load(db, tmp_path, "base", PEOPLE + PLACES + [NOTICE, sighting("S-breach", 2, ["A1", "C1"])])
    store.add_watch(db, "ana", "person", "C2", since=date(2025, 3, 1))
    load(db, tmp_path, "new", [sighting("S-watch-1", 20, ["C2"]), sighting("S-watch-2", 21, ["C2"])])
    assert [a["kind"] for a in stored(db)] == ["breach", "watch", "watch"]
    newest_watch = stored(db, "watch")[0]
    assert newest_watch["evidence"][0]["id"] == "S-watch-2"  # newest first within a kind
    (breach,) = stored(db, "breach")
    store.acknowledge(db, breach["alert_id"], ["role:disruption_lead"], "lead", "seen")
    assert [a["kind"] for a in stored(db)] == ["watch", "watch", "breach"]


def test_the_command_line_lists_and_acknowledges_and_is_audited(db, tmp_path, cli, settings):
    load(db, tmp_path, "one", PEOPLE + PLACES + [NOTICE, sighting("S1", 2, ["A1", "C1"])])
    listed = cli("alerts", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    answer = json.loads(listed.stdout)
    assert answer["total"] == 1 and answer["unread"] == 1 and answer["items"][0]["kind"] == "breach"
    alert_id = answer["items"][0]["alert_id"]
    done = cli("alerts", "ack", alert_id, "--note", "notice re-served")
    assert done.returncode == 0, done.stderr
    assert json.loads(cli("alerts", "list", "--json").stdout)["unread"] == 0
    missing = cli("alerts", "ack", "AL-000000000000", "--note", "x")
    assert missing.returncode == 1 and "no alert" in missing.stderr
    actions = [(e.action, e.ids) for e in AuditLog.of(settings).entries() if e.action.startswith("alerts.")]
    assert ("alerts.view", ["A1", "C1"]) in actions and ("alerts.ack", [alert_id, "A1", "C1"]) in actions
