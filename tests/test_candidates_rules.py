"""Abduction-notice candidate rules at every boundary: pure, no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graph_service.analysis import candidates as cw
from graph_service.analysis.candidates import (
    ASSOCIATES_WITH,
    FOUND_WITH,
    S2,
    S49,
    SIGHTING,
    TRAVELLED_IN,
    CareStatus,
    Evidence,
    Facts,
    Grade,
    MissingEpisode,
    Notice,
    PermissionStatement,
    Person,
    Relative,
    age_on,
    evaluate,
)

D = date(2026, 10, 31)


def years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years)


def sighting(item_id="S1", people=("C", "A"), on=D - timedelta(days=10)) -> Evidence:
    return Evidence(SIGHTING, item_id, people, on, (Grade.recorded_fact(item_id),))


def link(item_id="L1", people=("A", "C"), on=D - timedelta(days=10), grade=("1", "B")) -> Evidence:
    return Evidence(ASSOCIATES_WITH, item_id, people, on, (Grade.of_link(item_id, "I-" + item_id, *grade, "P"),))


def judge(*, adult_dob=years_before(D, 30), child_dob=years_before(D, 14), evidence=None, **facts):
    """The single line for the pair A (adult) / C (child) on D."""
    people = [Person("A", adult_dob), Person("C", child_dob)]
    result = evaluate(Facts(people=people, evidence=evidence or [sighting()], **facts), as_of=D)
    lines = result.candidates + result.excluded + result.not_listed
    assert len(lines) == 1, lines
    return lines[0]


def assert_candidate(line, bases):
    assert line.status == "candidate", getattr(line, "reason", None)
    assert line.legal_bases == bases


def assert_excluded(line, code):
    assert line.status == "excluded", line
    assert line.reason_code == code
    assert line.reason.endswith(".") and len(line.reason) > 30


# --- ages ---------------------------------------------------------------------------------
def test_age_counts_a_birthday_on_the_day():
    assert age_on(date(2010, 10, 31), D) == 16
    assert age_on(date(2010, 11, 1), D) == 15
    assert age_on(date(2010, 10, 30), D) == 16
    assert age_on(None, D) is None
    assert age_on(D + timedelta(days=1), D) is None


def test_leap_day_birthday_is_reached_on_1_march_in_other_years():
    assert age_on(date(2008, 2, 29), date(2024, 2, 28)) == 15
    assert age_on(date(2008, 2, 29), date(2024, 2, 29)) == 16
    assert age_on(date(2008, 2, 29), date(2025, 2, 28)) == 16
    assert age_on(date(2010, 2, 28), date(2026, 2, 28)) == 16


def test_sixteenth_birthday_on_the_day_ends_section_2():
    line = judge(child_dob=years_before(D, 16))
    assert_excluded(line, "child_not_eligible")
    assert " is 16 on 2026-10-31" in line.reason


def test_day_before_sixteenth_birthday_is_section_2():
    assert_candidate(judge(child_dob=years_before(D, 16) + timedelta(days=1)), [S2])


def test_day_after_sixteenth_birthday_is_not_eligible_without_an_order():
    assert_excluded(judge(child_dob=years_before(D, 16) - timedelta(days=1)), "child_not_eligible")


def test_eighteenth_birthday_on_the_day_makes_the_adult_an_adult():
    assert_candidate(judge(adult_dob=years_before(D, 18)), [S2])


def test_day_before_eighteenth_birthday_the_other_person_is_still_a_child():
    line = judge(adult_dob=years_before(D, 18) + timedelta(days=1))
    assert_excluded(line, "adult_under_18")
    assert "safeguarding" in line.reason
    assert (line.adult_id, line.child_id) == ("A", "C")  # the older one is the would-be adult


def test_adult_age_unknown():
    line = judge(adult_dob=None)
    assert_excluded(line, "adult_age_unknown")
    assert line.adult_id == "A" and line.child_id == "C"


def test_pairs_where_neither_is_known_to_be_under_18_are_not_listed():
    for adult_dob, child_dob in [(years_before(D, 30), years_before(D, 18)), (None, None),
                                 (years_before(D, 40), None)]:
        line = judge(adult_dob=adult_dob, child_dob=child_dob)
        assert line.status == "not_listed"
    result = evaluate(Facts(people=[Person("A", years_before(D, 30)), Person("C", years_before(D, 18))],
                            evidence=[sighting()]), as_of=D)
    assert result.to_dict() == {"as_of": "2026-10-31", "candidates": [], "excluded": []}


def test_the_younger_of_two_is_the_child_whichever_way_the_record_runs():
    line = judge(evidence=[sighting(people=("A", "C"))])
    assert (line.adult_id, line.child_id) == ("A", "C")
    reversed_ages = evaluate(Facts(people=[Person("A", years_before(D, 12)), Person("C", years_before(D, 25))],
                                   evidence=[sighting()]), as_of=D).candidates[0]
    assert (reversed_ages.adult_id, reversed_ages.child_id) == ("C", "A")


# --- the window and the evidence --------------------------------------------------------------
@pytest.mark.parametrize("days", [0, 1, 364, 365])
def test_evidence_inside_the_window_counts_at_both_edges(days):
    assert_candidate(judge(evidence=[sighting(on=D - timedelta(days=days))]), [S2])


def test_evidence_one_day_before_the_window_does_not_count():
    line = judge(evidence=[sighting(on=D - timedelta(days=366))])
    assert_excluded(line, "no_recent_evidence")
    assert "2025-10-30" in line.reason  # the latest item's date is named


def test_items_dated_after_the_day_do_not_exist():
    people = [Person("A", years_before(D, 30)), Person("C", years_before(D, 14))]
    result = evaluate(Facts(people=people, evidence=[sighting(on=D + timedelta(days=1))]), as_of=D)
    assert result.candidates == [] and result.excluded == [] and result.not_listed == []
    # a future item beside an old one: still no recent evidence, and the future item is not shown
    line = judge(evidence=[sighting("OLD", on=D - timedelta(days=400)), sighting("NEW", on=D + timedelta(days=1))])
    assert_excluded(line, "no_recent_evidence")
    assert [i.item_id for i in line.evidence] == ["OLD"]


def test_a_shorter_lookback_window():
    people = [Person("A", years_before(D, 30)), Person("C", years_before(D, 14))]
    facts = Facts(people=people, evidence=[sighting(on=D - timedelta(days=31))])
    assert evaluate(facts, D, lookback_days=31).candidates
    assert evaluate(facts, D, lookback_days=30).excluded[0].reason_code == "no_recent_evidence"


def test_evidence_graded_e_never_counts():
    line = judge(evidence=[link(grade=("1", "E")), link("L2", grade=("3", "E"))])
    assert_excluded(line, "no_recent_evidence")
    assert "graded E" in line.reason
    line = judge(evidence=[link(grade=("1", "E")), link("L2", grade=("3", "D"))])
    assert_candidate(line, [S2])
    assert [i.item_id for i in line.evidence] == ["L2"]


def test_evidence_is_listed_newest_first_and_the_latest_date_is_named():
    line = judge(evidence=[sighting("OLD", on=D - 30 * timedelta(days=1)), link("UNDATED", on=None),
                           sighting("NEW", on=D - timedelta(days=2)), link("MID", on=D - timedelta(days=9))])
    assert [i.item_id for i in line.evidence] == ["NEW", "MID", "OLD"]
    assert any("latest 2026-10-29" in r for r in line.reasons)
    assert any("1 further item outside the window or graded E does not count" in r for r in line.reasons)


def test_undated_evidence_is_never_inside_the_window():
    line = judge(evidence=[link(on=None)])
    assert_excluded(line, "no_recent_evidence")
    assert "undated" in line.reason


def test_every_kind_of_evidence_makes_a_pair():
    vehicle_trip = Evidence(TRAVELLED_IN, "T1", ("C", "A"), D, (Grade.of_link("T1"), Grade.of_link("U1", "I9", "1", "A")),
                            "AB12CDE")
    found = Evidence(FOUND_WITH, "E1", ("C", "A"), D, (Grade.recorded_fact("E1"),))
    for item in (vehicle_trip, found, sighting(), link()):
        line = judge(evidence=[item])
        assert_candidate(line, [S2])
        assert line.evidence[0].kind == item.kind


def test_a_journey_counts_only_when_both_of_its_links_are_not_graded_e():
    trip = Evidence(TRAVELLED_IN, "T1", ("C", "A"), D, (Grade.of_link("T1", "I1", "1", "A"),
                                                        Grade.of_link("U1", "I2", "2", "E")), "AB12CDE")
    assert_excluded(judge(evidence=[trip]), "no_recent_evidence")


def test_a_sighting_of_many_people_makes_every_pair():
    facts = cw.facts_from_rows(
        people=[{"person_id": p, "dob": years_before(D, age)} for p, age in (("A", 30), ("B", 40), ("C", 13))],
        sightings=[{"sighting_id": "S1", "person_ids": ["A", "B", "C"], "on": D}],
    )
    result = evaluate(facts, D)
    assert sorted((c.adult_id, c.child_id) for c in result.candidates) == [("A", "C"), ("B", "C")]
    assert [n.person_ids for n in result.not_listed] == [("A", "B")]


# --- section 49 orders ------------------------------------------------------------------------
SEVENTEEN = years_before(D, 17)


@pytest.mark.parametrize("status", ["care_order", "interim_care_order", "emergency_protection_order",
                                    "police_protection"])
def test_each_order_brings_a_17_year_old_within_section_49(status):
    line = judge(child_dob=SEVENTEEN, care_statuses=[CareStatus("C", status, D - timedelta(days=100))])
    assert_candidate(line, [S49])


def test_accommodated_under_section_20_never_qualifies():
    line = judge(child_dob=SEVENTEEN, care_statuses=[CareStatus("C", "accommodated_s20", D - timedelta(days=100))])
    assert_excluded(line, "child_not_eligible")
    assert "section 20" in line.reason


def test_an_order_ended_the_day_before_does_not_qualify():
    order = CareStatus("C", "care_order", D - timedelta(days=400), D - timedelta(days=1))
    line = judge(child_dob=SEVENTEEN, care_statuses=[order])
    assert_excluded(line, "child_not_eligible")
    assert "ended on 2026-10-30" in line.reason


def test_an_order_is_in_force_on_its_last_day_and_its_first():
    last_day = CareStatus("C", "care_order", D - timedelta(days=400), D)
    first_day = CareStatus("C", "interim_care_order", D)
    assert_candidate(judge(child_dob=SEVENTEEN, care_statuses=[last_day]), [S49])
    assert_candidate(judge(child_dob=SEVENTEEN, care_statuses=[first_day]), [S49])
    tomorrow = CareStatus("C", "care_order", D + timedelta(days=1))
    assert_excluded(judge(child_dob=SEVENTEEN, care_statuses=[tomorrow]), "child_not_eligible")


def test_another_childs_order_does_not_count():
    line = judge(child_dob=SEVENTEEN, care_statuses=[CareStatus("X", "care_order", D - timedelta(days=5))])
    assert_excluded(line, "child_not_eligible")


def test_an_order_is_no_use_at_18():
    line = judge(child_dob=years_before(D, 18), adult_dob=years_before(D, 30),
                 care_statuses=[CareStatus("C", "care_order", D - timedelta(days=5))])
    assert line.status == "not_listed"


def test_under_16_with_an_order_has_both_bases():
    line = judge(care_statuses=[CareStatus("C", "police_protection", D - timedelta(days=2))])
    assert_candidate(line, [S2, S49])


# --- connected persons ------------------------------------------------------------------------
@pytest.mark.parametrize("relation", ["parent", "guardian", "special_guardian", "parental_responsibility",
                                      "child_arrangements_order"])
def test_a_connected_person_is_excluded_from_section_2(relation):
    line = judge(relatives=[Relative("C", "A", relation)])
    assert_excluded(line, "connected_person")
    assert relation.replace("_", " ") in line.reason


@pytest.mark.parametrize("relation", ["foster_carer", "sibling", "other_relative"])
def test_other_relatives_are_not_connected(relation):
    assert_candidate(judge(relatives=[Relative("C", "A", relation)]), [S2])


def test_a_connected_person_can_still_be_a_section_49_candidate():
    line = judge(relatives=[Relative("C", "A", "parent")],
                 care_statuses=[CareStatus("C", "care_order", D - timedelta(days=30))])
    assert_candidate(line, [S49])
    assert any("Section 2 does not apply" in r for r in line.reasons)


def test_a_connection_to_another_child_does_not_count():
    assert_candidate(judge(relatives=[Relative("X", "A", "parent")]), [S2])


def test_connected_16_year_old_without_an_order_is_not_eligible_first():
    line = judge(child_dob=years_before(D, 16), relatives=[Relative("C", "A", "parent")])
    assert_excluded(line, "child_not_eligible")


# --- notices and statements -------------------------------------------------------------------
def notice(status, issued_on=D - timedelta(days=50), adult="A", child="C"):
    return Notice("N1", adult, child, S2, issued_on, status)


def test_an_active_notice_excludes_the_pair():
    line = judge(notices=[notice("active")])
    assert_excluded(line, "active_notice")
    assert "N1" in line.reason


@pytest.mark.parametrize("status", ["withdrawn", "expired", "breached"])
def test_a_notice_that_is_not_active_does_not_stop_a_new_one(status):
    line = judge(notices=[notice(status)])
    assert_candidate(line, [S2])
    assert any("N1" in r and status in r for r in line.reasons)
    # the legal basis in words, as every page names it, never the stored code
    assert any("N1 (section 2, Child Abduction Act 1984," in r for r in line.reasons)
    assert not any(S2 in r for r in line.reasons)


def test_a_notice_for_another_pair_or_issued_after_the_day_does_not_count():
    assert_candidate(judge(notices=[notice("active", adult="X")]), [S2])
    assert_candidate(judge(notices=[notice("active", child="X")]), [S2])
    assert_candidate(judge(notices=[notice("active", issued_on=D + timedelta(days=1))]), [S2])
    assert_excluded(judge(notices=[notice("active", issued_on=D)]), "active_notice")


def test_statement_held():
    made = PermissionStatement("PS1", "A", "C", D - timedelta(days=3), "M")
    assert judge(statements=[made]).statement_held is True
    assert judge().statement_held is False
    later = PermissionStatement("PS1", "A", "C", D + timedelta(days=1), "M")
    assert judge(statements=[later]).statement_held is False
    other = PermissionStatement("PS1", "A", "X", D - timedelta(days=3), "M")
    assert judge(statements=[other]).statement_held is False


# --- the order of reasons -----------------------------------------------------------------------
def test_one_reason_code_in_a_documented_order():
    # age of the adult before anything else
    assert_excluded(judge(adult_dob=None, child_dob=SEVENTEEN, evidence=[sighting(on=D - timedelta(days=900))]),
                    "adult_age_unknown")
    # the child's eligibility before the evidence's age
    assert_excluded(judge(child_dob=SEVENTEEN, evidence=[sighting(on=D - timedelta(days=900))]), "child_not_eligible")
    # old evidence before an active notice
    assert_excluded(judge(notices=[notice("active")], evidence=[sighting(on=D - timedelta(days=900))]),
                    "no_recent_evidence")


# --- the score ----------------------------------------------------------------------------------
def score_of(**kwargs) -> float:
    return judge(**kwargs).score.value


def test_better_grades_score_higher():
    assert score_of(evidence=[link(grade=("1", "A"))]) > score_of(evidence=[link(grade=("1", "B"))]) \
        > score_of(evidence=[link(grade=("3", "D"))]) > 0


def test_newer_evidence_scores_higher():
    assert score_of(evidence=[sighting(on=D)]) > score_of(evidence=[sighting(on=D - timedelta(days=200))])


def test_repeated_evidence_scores_higher():
    one = score_of(evidence=[sighting("S1")])
    three = score_of(evidence=[sighting("S1"), sighting("S2"), sighting("S3")])
    assert three == pytest.approx(3 * one, abs=0.002)


def test_e_graded_items_add_nothing_to_the_score():
    assert score_of(evidence=[sighting(), link(grade=("1", "E"))]) == score_of(evidence=[sighting()])


def test_the_childs_missing_episodes_and_being_looked_after_raise_the_score():
    base = score_of()
    episodes = [MissingEpisode(f"M{i}", "C", D - timedelta(days=10 * i)) for i in range(1, 4)]
    assert score_of(missing_episodes=episodes) == pytest.approx(base * 1.3, abs=0.002)
    old = [MissingEpisode("M9", "C", D - timedelta(days=400))]
    assert score_of(missing_episodes=old) == base
    s20 = [CareStatus("C", "accommodated_s20", D - timedelta(days=30))]
    assert score_of(care_statuses=s20) == pytest.approx(base * 1.2, abs=0.002)


def test_candidates_are_sorted_by_score():
    people = [Person("A1", years_before(D, 30)), Person("A2", years_before(D, 40)), Person("C", years_before(D, 13))]
    evidence = [sighting("S1", ("C", "A1"), D - timedelta(days=300)),
                sighting("S2", ("C", "A2"), D), sighting("S3", ("C", "A2"), D - timedelta(days=5))]
    result = evaluate(Facts(people=people, evidence=evidence), D)
    assert [c.adult_id for c in result.candidates] == ["A2", "A1"]
    assert result.candidates[0].score.value > result.candidates[1].score.value


# --- the output ---------------------------------------------------------------------------------
def test_json_shape():
    people = [Person("A", years_before(D, 30)), Person("C", years_before(D, 14)), Person("B", years_before(D, 17))]
    evidence = [link(), sighting("S2", ("C", "B"))]
    data = evaluate(Facts(people=people, evidence=evidence), D).to_dict()
    assert set(data) == {"as_of", "candidates", "excluded"}
    (candidate,) = data["candidates"]
    assert set(candidate) == {"adult_id", "child_id", "legal_bases", "score", "statement_held", "evidence", "reasons"}
    assert candidate["evidence"] == [{"kind": "associates_with", "id": "L1", "date": "2026-10-21", "grades": ["1B"],
                                      "intel_ids": ["I-L1"]}]
    assert all(isinstance(r, str) and r for r in candidate["reasons"])
    assert any("L1" in r for r in candidate["reasons"])
    (excluded,) = data["excluded"]
    assert excluded == {"adult_id": "B", "child_id": "C", "reason_code": "adult_under_18",
                        "reason": excluded["reason"]}


def test_explain_shows_every_pair_of_a_person():
    people = [Person("A", years_before(D, 30)), Person("C", years_before(D, 14)), Person("B", years_before(D, 50))]
    evidence = [sighting("S1", ("C", "A")), sighting("S2", ("A", "B")), sighting("S3", ("C", "B"), D - timedelta(days=500))]
    result = evaluate(Facts(people=people, evidence=evidence), D)
    explained = cw.explain_dict(result, "A")
    assert {p["status"] for p in explained["pairs"]} == {"candidate", "not_listed"}
    explained = cw.explain_dict(result, "B")
    statuses = sorted((p["status"], p.get("reason_code")) for p in explained["pairs"])
    assert statuses == [("excluded", "no_recent_evidence"), ("not_listed", None)]
    assert cw.explain_dict(result, "nobody")["pairs"] == []


def test_rows_from_the_database_become_facts():
    facts = cw.facts_from_rows(
        people=[{"person_id": "A", "dob": "1990-01-01", "forename": "Ann", "surname": None}],
        links=[{"link_id": "L1", "subject_id": "A", "object_id": "C", "on": None, "intel_id": None}],
        journeys=[{"link_id": "T1", "traveller_id": "C", "user_id": "A", "vrm": "AB12CDE", "on": D,
                   "intel_id": "I1", "source_evaluation": "2", "intelligence_assessment": "b", "handling_code": "C",
                   "use_link_id": "U1", "use_intel_id": None}],
    )
    assert facts.people["A"] == Person("A", date(1990, 1, 1), "Ann")
    ungraded, trip = facts.evidence
    assert [g.label for g in ungraded.grades] == ["2D"]  # a link without a report: untested, hearsay
    assert [g.label for g in trip.grades] == ["2B", "2D"] and trip.related_ids == ["U1"]
