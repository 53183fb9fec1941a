"""Candidates, reviews and disruption plans against the real Neo4j, with data made by ingest."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from graph_service.analysis import candidates as cw
from graph_service.analysis import disruption as plans
from graph_service.analysis.candidates import review
from graph_service.reports import packs
from graph_service.security.audit import AuditLogBroken
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j

D = date(2026, 10, 31)

RECORDS = [
    # people: adults, children, one adult without a date of birth
    {"type": "person", "person_id": "A1", "forename": "Invented", "surname": "Adult-One", "dob": "1985-05-05",
     "gender": "male", "ethnicity": "group-x"},
    {"type": "person", "person_id": "A5", "dob": "1985-05-05", "gender": "female", "ethnicity": "group-y"},
    {"type": "person", "person_id": "A2", "dob": "1980-01-01"},
    {"type": "person", "person_id": "A3"},
    {"type": "person", "person_id": "A4", "dob": "1990-02-02"},
    {"type": "person", "person_id": "A6", "dob": "1991-03-03"},
    {"type": "person", "person_id": "A7", "dob": "1992-04-04"},
    {"type": "person", "person_id": "M1", "dob": "1975-06-06"},
    {"type": "person", "person_id": "C1", "dob": "2012-03-01", "gender": "female"},
    {"type": "person", "person_id": "C4", "dob": "2012-03-01", "gender": "male"},
    {"type": "person", "person_id": "C2", "dob": "2009-06-15"},
    {"type": "person", "person_id": "C3", "dob": "2009-08-20"},
    {"type": "person", "person_id": "C5", "dob": "2010-10-31"},  # 16 on D
    {"type": "vehicle", "vrm": "ab12 cde", "make": "Ford", "model": "Focus", "colour": "blue"},
    {"type": "location", "location_id": "HOTEL", "name": "Station Hotel", "category": "hotel",
     "lat": 52.95, "lon": -1.15},
    {"type": "location", "location_id": "PARK", "name": "River Park", "category": "park", "lat": 52.96, "lon": -1.14},
    {"type": "intel", "intel_id": "I1", "reported_on": "2026-09-01", "source_evaluation": "1",
     "intelligence_assessment": "A", "handling_code": "P"},
    {"type": "intel", "intel_id": "I2", "reported_on": "2026-08-01", "source_evaluation": "2",
     "intelligence_assessment": "B", "handling_code": "C", "handling_conditions": "police only"},
    {"type": "intel", "intel_id": "IE", "reported_on": "2026-09-10", "source_evaluation": "1",
     "intelligence_assessment": "E", "handling_code": "P"},
    # A1 and C1 seen together: a candidate (section 2); A5 and C4 the same, other gender and ethnicity
    {"type": "sighting", "sighting_id": "S1", "observed_at": "2026-10-01T21:15:00+01:00", "location_id": "HOTEL",
     "source": "officer", "person_ids": ["A1", "C1"]},
    {"type": "sighting", "sighting_id": "S2", "observed_at": "2026-10-01T21:15:00+01:00", "location_id": "HOTEL",
     "source": "officer", "person_ids": ["A5", "C4"]},
    # C2 (17, care order) travelled in the vehicle A1 uses: section 49
    {"type": "link", "link_id": "L-USE", "intel_id": "I2", "subject_type": "person", "subject_id": "A1",
     "relation": "uses_vehicle", "object_type": "vehicle", "object_id": "AB12CDE"},
    {"type": "link", "link_id": "L-TRIP", "intel_id": "I1", "subject_type": "person", "subject_id": "C2",
     "relation": "travelled_in", "object_type": "vehicle", "object_id": "AB 12 CDE",
     "observed_at": "2026-10-20T18:00:00Z"},
    {"type": "care_status", "person_id": "C2", "status": "care_order", "start_on": "2025-01-01"},
    # C3 (17, accommodated under s20) found with A1: not eligible
    {"type": "care_status", "person_id": "C3", "status": "accommodated_s20", "start_on": "2026-01-01"},
    {"type": "missing_episode", "episode_id": "E1", "person_id": "C3", "reported_at": "2026-10-10T20:00:00Z",
     "found_at": "2026-10-11T02:00:00Z", "found_location_id": "PARK", "found_with": ["A1"]},
    # A2 is C1's parent: connected
    {"type": "family", "person_id": "C1", "relative_id": "A2", "relation": "parent"},
    {"type": "link", "link_id": "L-PARENT", "intel_id": "I1", "subject_type": "person", "subject_id": "A2",
     "relation": "associates_with", "object_type": "person", "object_id": "C1"},
    # A3 has no date of birth
    {"type": "link", "link_id": "L-A3", "intel_id": "I1", "subject_type": "person", "subject_id": "A3",
     "relation": "associates_with", "object_type": "person", "object_id": "C1"},
    # A4: only E-graded intelligence
    {"type": "link", "link_id": "L-E", "intel_id": "IE", "subject_type": "person", "subject_id": "A4",
     "relation": "associates_with", "object_type": "person", "object_id": "C1"},
    # A6: an active notice already; A1: a withdrawn one
    {"type": "link", "link_id": "L-A6", "intel_id": "I1", "subject_type": "person", "subject_id": "A6",
     "relation": "associates_with", "object_type": "person", "object_id": "C1"},
    {"type": "notice", "notice_id": "N-A6", "adult_id": "A6", "child_id": "C1", "basis": "s2_caa_1984",
     "issued_on": "2026-06-01", "status": "active"},
    {"type": "notice", "notice_id": "N-A1", "adult_id": "A1", "child_id": "C1", "basis": "s2_caa_1984",
     "issued_on": "2025-06-01", "status": "withdrawn"},
    # A7 and C1 seen together after D: does not exist on D
    {"type": "sighting", "sighting_id": "S-LATER", "observed_at": "2026-11-02T10:00:00Z", "location_id": "PARK",
     "source": "partner", "person_ids": ["A7", "C1"]},
    # C5 is 16 on D: not eligible without an order
    {"type": "sighting", "sighting_id": "S5", "observed_at": "2026-10-30T10:00:00Z", "location_id": "PARK",
     "source": "cctv", "person_ids": ["A7", "C5"]},
    # two adults seen together: not a matter for the list, but A5 is one of A1's associates
    {"type": "sighting", "sighting_id": "S-ADULTS", "observed_at": "2026-10-02T12:00:00Z", "location_id": "PARK",
     "source": "officer", "person_ids": ["A1", "A5"]},
    # a statement from C1's parent about A1
    {"type": "permission_statement", "statement_id": "PS1", "child_id": "C1", "adult_id": "A1", "made_by_id": "A2",
     "made_on": "2026-10-15"},
    # the vehicle sighted at the hotel and the park
    {"type": "sighting", "sighting_id": "S-V1", "observed_at": "2026-09-05T23:00:00+01:00", "location_id": "HOTEL",
     "source": "anpr", "vrm": "AB12CDE"},
    {"type": "sighting", "sighting_id": "S-V2", "observed_at": "2026-09-19T23:30:00+01:00", "location_id": "PARK",
     "source": "anpr", "vrm": "AB12 CDE"},
]


@pytest.fixture
def loaded(db, tmp_path):
    folder = tmp_path / "intake"
    folder.mkdir()
    (folder / "records.jsonl").write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    ingest_paths(db, [folder])
    return db


def lines(result):
    return ({(c.adult_id, c.child_id): c.legal_bases for c in result.candidates},
            {(e.adult_id, e.child_id): e.reason_code for e in result.excluded})


def test_the_candidate_list_from_ingested_records(loaded):
    result = cw.candidate_list(loaded, D)
    candidates, excluded = lines(result)
    assert candidates == {("A1", "C1"): ["s2_caa_1984"], ("A5", "C4"): ["s2_caa_1984"],
                          ("A1", "C2"): ["s49_ca_1989"]}
    assert excluded == {("A1", "C3"): "child_not_eligible", ("A2", "C1"): "connected_person",
                        ("A3", "C1"): "adult_age_unknown", ("A4", "C1"): "no_recent_evidence",
                        ("A6", "C1"): "active_notice", ("A7", "C5"): "child_not_eligible"}
    by_pair = {(c.adult_id, c.child_id): c for c in result.candidates}
    a1c1 = by_pair["A1", "C1"]
    assert a1c1.statement_held is True and by_pair["A1", "C2"].statement_held is False
    assert [e.to_dict() for e in a1c1.evidence] == [{"kind": "sighting", "id": "S1", "date": "2026-10-01",
                                                      "grades": ["1A"]}]
    assert any("N-A1" in r and "withdrawn" in r for r in a1c1.reasons)
    trip = by_pair["A1", "C2"].evidence[0].to_dict()
    assert trip == {"kind": "travelled_in", "id": "L-TRIP", "date": "2026-10-20", "grades": ["1A", "2B"],
                    "intel_ids": ["I1", "I2"], "vrm": "AB12CDE", "related_ids": ["L-USE"]}
    assert result.names["A1"] == "Invented Adult-One"


def test_gender_and_ethnicity_never_change_a_score(loaded):
    by_pair = {(c.adult_id, c.child_id): c for c in cw.candidate_list(loaded, D).candidates}
    assert by_pair["A1", "C1"].score.value == by_pair["A5", "C4"].score.value > 0


def test_the_as_of_date_moves_the_window(loaded):
    # a year on, the sightings of 2026 are still inside the window up to 365 days
    later = cw.candidate_list(loaded, date(2027, 10, 1))
    assert ("A1", "C1") in lines(later)[0]
    # before the evidence existed there is nothing at all
    assert cw.candidate_list(loaded, date(2026, 7, 1)).candidates == []
    # on 2026-11-02 the later sighting exists: A7 and C1 become a candidate
    assert ("A7", "C1") in lines(cw.candidate_list(loaded, date(2026, 11, 2)))[0]


def test_review_actions_are_recorded_and_change_the_next_list(loaded):
    decision = review.record_decision(loaded, "A1", "C2", "approved", "seen in the vehicle; care order",
                                      user="d.lead", as_of=D, legal_bases=["s49_ca_1989"], score=0.9)
    assert decision["decision"] == "approved" and decision["decided_by"] == "d.lead"
    assert decision["adult_id"] == "A1" and decision["as_of"] == D
    review.record_decision(loaded, "A1", "C2", "rejected", "statement not yet obtainable", user="d.lead2")
    assert review.latest_decisions(loaded)[("A1", "C2")]["decision"] == "rejected"
    assert [d["decision"] for d in review.decision_history(loaded, "A1", "C2")] == ["rejected", "approved"]

    statement = review.record_permission_statement(loaded, "A1", "C2", "A2", "2026-10-25", user="d.lead")
    assert statement["statement_id"].startswith("statement-") and statement["made_by_id"] == "A2"
    assert {(c.adult_id, c.child_id): c.statement_held for c in cw.candidate_list(loaded, D).candidates}[
        "A1", "C2"] is True

    notice = review.record_notice_served(loaded, "A1", "C2", "s49_ca_1989", "2026-10-28", user="d.lead",
                                         notice_id="N-NEW")
    assert notice["status"] == "active" and notice["warnings"] == [] and notice["recorded_by"] == "d.lead"
    assert lines(cw.candidate_list(loaded, D))[1][("A1", "C2")] == "active_notice"

    withdrawn = review.record_notice_status(loaded, "N-NEW", "withdrawn", "child moved placement", user="d.lead")
    assert withdrawn["status"] == "withdrawn" and withdrawn["status_reason"] == "child moved placement"
    assert ("A1", "C2") in lines(cw.candidate_list(loaded, D))[0]


def test_a_review_action_whose_audit_entry_fails_is_not_stored(loaded):
    """The caller's audit entry is written inside the transaction: if it fails, nothing is kept."""
    def refuse(_):
        raise AuditLogBroken("the audit log does not verify")

    seen = []
    with pytest.raises(AuditLogBroken):
        review.record_decision(loaded, "A5", "C4", "approved", "x", user="d.lead", before_commit=refuse)
    assert review.decision_history(loaded, "A5", "C4") == []
    with pytest.raises(AuditLogBroken):
        review.record_notice_served(loaded, "A5", "C4", "s2_caa_1984", "2026-10-30", user="d.lead",
                                    notice_id="N-REFUSED", before_commit=refuse)
    with pytest.raises(AuditLogBroken):
        review.record_permission_statement(loaded, "A5", "C4", "A2", "2026-10-25", user="d.lead",
                                           statement_id="S-REFUSED", before_commit=refuse)
    kept = review.record_notice_served(loaded, "A5", "C4", "s2_caa_1984", "2026-10-30", user="d.lead",
                                       notice_id="N-REFUSED", before_commit=seen.append)  # the ID is free
    assert seen == [kept]
    with pytest.raises(AuditLogBroken):
        review.record_notice_status(loaded, "N-REFUSED", "withdrawn", "x", user="d.lead", before_commit=refuse)
    notices = loaded.read("candidates/notices", person_ids=["A5"], as_of=date(2026, 11, 30))
    assert {n["notice_id"]: n["status"] for n in notices}["N-REFUSED"] == "active"
    assert not loaded.read("candidates/statements_for_pair", adult_id="A5", child_id="C4", as_of=date(2026, 11, 30))


def test_a_notice_without_a_statement_is_recorded_with_a_warning(loaded):
    notice = review.record_notice_served(loaded, "A5", "C4", "s2_caa_1984", "2026-10-30", user="d.lead")
    assert notice["notice_id"].startswith("notice-")
    assert notice["warnings"] and "no permission statement" in notice["warnings"][0]


@pytest.mark.parametrize("call, message", [
    (lambda db: review.record_decision(db, "A1", "C1", "maybe", "x", user="u"), "decision"),
    (lambda db: review.record_decision(db, "A1", "C1", "approved", "  ", user="u"), "reason: is required"),
    (lambda db: review.record_decision(db, "NOPE", "C1", "approved", "r", user="u"), "adult_id: no person"),
    (lambda db: review.record_decision(db, "C1", "C1", "approved", "r", user="u"), "two different people"),
    (lambda db: review.record_permission_statement(db, "A1", "C1", "NOPE", "2026-10-01", user="u"),
     "made_by_id: no person"),
    (lambda db: review.record_permission_statement(db, "A1", "C1", "A2", "2026-13-01", user="u"),
     "made_on: '2026-13-01' is not a date"),
    (lambda db: review.record_notice_served(db, "A1", "C1", "s3", "2026-10-01", user="u"), "basis"),
    (lambda db: review.record_notice_served(db, "A1", "C1", "s2_caa_1984", "2999-01-01", user="u"), "in the future"),
    (lambda db: review.record_notice_served(db, "A1", "C1", "s2_caa_1984", "2026-10-01", user="u",
                                            notice_id="N-A6"), "notice_id: 'N-A6' is already stored"),
    (lambda db: review.record_notice_status(db, "N-NONE", "withdrawn", "r", user="u"), "notice_id: no notice"),
])
def test_bad_review_actions_are_refused_and_write_nothing(loaded, call, message):
    before = loaded.read_text("MATCH (n) RETURN count(n) AS nodes, "
                              "COUNT { MATCH ()-[r]->() RETURN r } AS relationships")
    with pytest.raises(review.ReviewError, match=message):
        call(loaded)
    after = loaded.read_text("MATCH (n) RETURN count(n) AS nodes, "
                             "COUNT { MATCH ()-[r]->() RETURN r } AS relationships")
    assert after == before


def test_a_persons_disruption_plan_is_stored_and_edited(loaded):
    plan = plans.plan_for_person(loaded, "A1", D)
    assert plan.plan_id == "person:A1"
    assert set(plan.scope.person_ids) == {"A1", "A5", "C1", "C2", "C3"}
    tactics = {(a.tactic, a.target_id) for a in plan.actions}
    assert {("vehicle_marker", "AB12CDE"), ("abduction_warning_notice", "A1"), ("awareness_visit", "HOTEL"),
            ("sexual_risk_order", "A1")} <= tactics
    marker = next(a for a in plan.actions if a.tactic == "vehicle_marker")
    assert {"L-USE", "L-TRIP", "S-V1", "S-V2"} <= set(marker.evidence_ids)

    stored = plans.save_plan(loaded, plan, user="d.lead")
    assert len(stored) == len(plan.actions)
    assert {a["status"] for a in stored} == {"proposed"} and all(a["due_on"] == date(2026, 11, 28) for a in stored)
    marker_id = marker.action_id(plan.plan_id)
    changed = plans.update_action(loaded, marker_id, user="d.lead", owner="Roads policing", status="agreed",
                                  due_on="2026-11-14", note="marker requested")
    assert changed["changes"]["owner"] == [None, "Roads policing"]
    assert changed["changes"]["status"] == ["proposed", "agreed"]
    assert changed["due_on"] == date(2026, 11, 14) and changed["notes"][0].endswith("d.lead: marker requested")

    # planning again keeps what people set and flags what the facts no longer support
    again = plans.save_plan(loaded, plans.plan_for_person(loaded, "A1", date(2027, 10, 30)), user="d.lead")
    kept = next(a for a in again if a["action_id"] == marker_id)
    assert (kept["owner"], kept["status"], kept["due_on"]) == ("Roads policing", "agreed", date(2026, 11, 14))
    assert kept["supported"] is False
    assert plans.stored_actions(loaded, status="agreed") == [kept]

    csv_text = packs.actions_csv(again)
    assert next(csv.reader(io.StringIO(csv_text)))[:3] == ["action_id", "plan_id", "target_kind"]
    assert "Roads policing" in csv_text
    html = packs.actions_html(again, plans.stored_plans(loaded)[0])
    assert "Roads policing" in html and "no longer supported" in html
    assert "http://" not in html and "https://" not in html  # nothing loaded from elsewhere


def test_bad_plan_requests_are_refused(loaded):
    with pytest.raises(plans.PlanError, match="person: no person"):
        plans.plan_for_person(loaded, "NOPE", D)
    with pytest.raises(plans.PlanError, match="network: 'no-such-network' is not a network ID"):
        plans.plan_for_network(loaded, "no-such-network", D)
    with pytest.raises(plans.PlanError, match="network: no network with ID 99"):
        plans.plan_for_network(loaded, "99", D)
    with pytest.raises(plans.PlanError, match="action_id: no action"):
        plans.update_action(loaded, "action-000", user="u", status="done")
    plans.save_plan(loaded, plans.plan_for_person(loaded, "A1", D), user="u")
    action_id = plans.stored_actions(loaded)[0]["action_id"]
    with pytest.raises(plans.PlanError, match="status"):
        plans.update_action(loaded, action_id, user="u", status="finished")
    with pytest.raises(plans.PlanError, match="nothing to change"):
        plans.update_action(loaded, action_id, user="u")


def test_the_candidates_command(loaded, cli, tmp_path):
    run = cli("candidates", "--as-of", "2026-10-31", "--purpose", "test")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == cw.candidate_list(loaded, D).to_dict()

    explain = cli("candidates", "--as-of", "2026-10-31", "--explain", "C1")
    assert explain.returncode == 0, explain.stderr
    for expected in ("CANDIDATE   adult A1, child C1", "EXCLUDED    adult A2, child C1: connected_person",
                     "adult_age_unknown", "active_notice", "no_recent_evidence"):
        assert expected in explain.stdout
    assert "A7" not in explain.stdout  # the later sighting does not exist on D
    adult = cli("candidates", "--as-of", "2026-10-31", "--explain", "A1", "--format", "json")
    pairs = json.loads(adult.stdout)["pairs"]
    assert {p["status"] for p in pairs} == {"candidate", "excluded", "not_listed"}
    assert [p["person_ids"] for p in pairs if p["status"] == "not_listed"] == [["A1", "A5"]]
    assert cw.explain(loaded, "A1", D) == json.loads(adult.stdout)

    out = tmp_path / "pack.html"
    pack = cli("candidates", "--as-of", "2026-10-31", "--format", "html", "--out", str(out))
    assert pack.returncode == 0, pack.stderr
    html = out.read_text()
    assert "Child Abduction Warning Notice candidates" in html and "L-TRIP" in html and "Invented Adult-One" in html

    csv_run = cli("candidates", "--as-of", "2026-10-31", "--format", "csv")
    assert list(csv.reader(io.StringIO(csv_run.stdout)))[1][:2] == ["candidate", "1"]
    assert len(csv_run.stdout.splitlines()) == 1 + 3 + 6

    missing = cli("candidates", "--explain", "NOPE")
    assert missing.returncode == 1 and "no person with ID 'NOPE'" in missing.stderr
    bad = cli("candidates", "--as-of", "31/10/2026")
    assert bad.returncode == 2 and "--as-of" in bad.stderr


def test_the_disruption_commands(loaded, cli, tmp_path):
    run = cli("disruption", "plan", "--person", "A1", "--as-of", "2026-10-31")
    assert run.returncode == 0, run.stderr
    assert "Plan person:A1 as of 2026-10-31" in run.stdout and "Vehicle marker" in run.stdout
    action_id = plans.stored_actions(loaded, "person:A1")[0]["action_id"]
    update = cli("disruption", "update", action_id, "--owner", "Licensing team", "--status", "in_progress")
    assert update.returncode == 0, update.stderr
    assert "owner None -> Licensing team" in update.stdout
    out = tmp_path / "actions.csv"
    export = cli("disruption", "actions", "--person", "A1", "--format", "csv", "--out", str(out))
    assert export.returncode == 0, export.stderr
    assert "Licensing team" in out.read_text()
    both = cli("disruption", "plan", "--person", "A1", "--network", "7")
    assert both.returncode == 2 and "not both" in both.stderr
    nobody = cli("disruption", "plan", "--person", "NOPE")
    assert nobody.returncode == 1 and "no person with ID 'NOPE'" in nobody.stderr
    wrong = cli("disruption", "update", "action-000", "--status", "done")
    assert wrong.returncode == 1 and "no action" in wrong.stderr


def test_a_networks_disruption_plan(loaded, cli):
    from graph_service.analysis.networks import run_networks

    run = run_networks(loaded, as_of=D)
    network_id = run.result.network_of["A1"]
    members = sorted(run.result.networks[network_id])
    plan = plans.plan_for_network(loaded, network_id, D)
    assert plan.plan_id == f"network:{network_id}" and plan.scope.person_ids == members
    notices = {a.target_id: a for a in plan.actions if a.tactic == "abduction_warning_notice"}
    candidates = [c for c in cw.candidate_list(loaded, D).candidates if {c.adult_id, c.child_id} <= set(members)]
    assert candidates, "the network analysis should put A1 with a child it is a candidate for"
    assert set(notices) == {c.adult_id for c in candidates}
    shown = cli("disruption", "plan", "--network", str(network_id), "--as-of", "2026-10-31", "--format", "json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["plan_id"] == plan.plan_id and [a["action_id"] for a in data["stored_actions"]] == \
        [a["action_id"] for a in plans.stored_actions(loaded, plan.plan_id)]
