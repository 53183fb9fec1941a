"""The alert rules as pure functions: the boundaries users rely on (issue 15)."""

from __future__ import annotations

import pytest

from graph_service.analysis.alerts import rules


def notice(status="active", issued_on="2025-03-01", contacts=()):
    return {"notice_id": "N1", "adult_id": "A1", "child_id": "C1", "basis": "s2_caa_1984", "issued_on": issued_on,
            "status": status, "contacts": list(contacts)}


def contact(at, kind="sighting", id="S1"):
    return {"kind": kind, "id": id, "at": at, "grade": "1A", "text": "was seen (officer) with"}


@pytest.mark.parametrize("at, raised", [
    ("2025-02-28T21:00:00Z", False),  # before the notice
    ("2025-03-01T23:59:00Z", False),  # the day of the notice: it may have been served later that day
    ("2025-03-02T00:10:00Z", True),   # the day after
    ("2025-03-02", True),             # a link observed on a day
])
def test_a_breach_is_contact_after_the_notice_date(at, raised):
    assert bool(rules.breaches([notice(contacts=[contact(at)])])) is raised


@pytest.mark.parametrize("status, raised", [("active", True), ("breached", True), ("withdrawn", False),
                                            ("expired", False)])
def test_only_a_notice_in_force_is_breached(status, raised):
    assert bool(rules.breaches([notice(status=status, contacts=[contact("2025-04-01T10:00:00Z")])])) is raised


def test_a_breach_names_both_people_and_carries_the_notice_and_the_contact_with_grades():
    (alert,) = rules.breaches([notice(contacts=[contact("2025-04-01T10:00:00Z")])])
    assert alert.kind == "breach" and alert.people == ("A1", "C1")
    assert alert.recipient == rules.TO_DISRUPTION_LEADS
    assert [e["kind"] for e in alert.evidence] == ["notice", "sighting"]
    assert all(e["grade"] == "1A" for e in alert.evidence) and alert.grade == "1A"


def test_evaluating_the_same_facts_twice_gives_the_same_alert_ids():
    facts = [notice(contacts=[contact("2025-04-01T10:00:00Z"), contact("2025-04-02T10:00:00Z", id="S2")])]
    assert [a.alert_id for a in rules.breaches(facts)] == [a.alert_id for a in rules.breaches(facts)]
    assert len({a.alert_id for a in rules.breaches(facts)}) == 2


def watch(kind="vehicle", since="2025-03-01", events=()):
    return {"watch_id": "W1", "user": "ana", "target_kind": kind, "target_id": "AB12CDE", "since": since,
            "events": list(events)}


def sighting(at, category="hotel"):
    return {"kind": "sighting", "id": "S9", "at": at, "grade": "1A", "text": "seen (anpr) at Park Hotel",
            "category": category, "place": "Park Hotel", "people": ["P1"]}


def test_a_watch_raises_for_events_from_the_day_it_began_to_the_watcher():
    alerts = rules.watch_hits([watch(events=[sighting("2025-02-28T10:00:00Z"), sighting("2025-03-01T10:00:00Z")])])
    assert len(alerts) == 1 and alerts[0].recipient == "user:ana" and alerts[0].people == ("P1",)


@pytest.mark.parametrize("category, kind, raised", [("hotel", "vehicle", True), ("school", "vehicle", False),
                                                    ("home_address", "vehicle", False), ("hotel", "person", False)])
def test_a_watched_vehicle_at_a_place_of_concern(category, kind, raised):
    found = rules.vehicles_at_places([watch(kind=kind, events=[sighting("2025-03-05T10:00:00Z", category)])])
    assert bool(found) is raised


def child(*days, person_id="C1"):
    return {"person_id": person_id, "episodes": [{"id": f"E{d}", "at": f"2025-{d}T20:00:00+00:00"} for d in days]}


def test_repeat_missing_is_the_third_episode_within_90_days_and_raised_once_a_run():
    (alert,) = rules.repeat_missing([child("01-01", "02-01", "03-31", "04-01")])
    assert alert.people == ("C1",) and [e["id"] for e in alert.evidence] == ["E01-01", "E02-01", "E03-31"]
    assert alert.recipient == rules.TO_ANALYSTS


def test_three_episodes_over_more_than_90_days_are_not_repeat_missing():
    assert rules.repeat_missing([child("01-01", "02-01", "04-02")]) == []


def test_a_new_run_after_a_quiet_spell_raises_again():
    assert len(rules.repeat_missing([child("01-01", "01-02", "01-03", "09-01", "09-02", "09-03")])) == 2


# -- a notice ended on a recorded day (the dashboard's withdrawn or expired) -------------------
@pytest.mark.parametrize("at, raised", [
    ("2025-03-01T22:00:00Z", False),  # the day of the notice
    ("2025-03-02T10:00:00Z", True),   # after it, before the withdrawal
    ("2025-03-09T23:00:00Z", True),   # the day before the withdrawal
    ("2025-03-10T08:00:00Z", False),  # the day of the withdrawal: it may have been withdrawn earlier that day
    ("2025-04-01T10:00:00Z", False),  # after the withdrawal
])
def test_a_notice_withdrawn_on_a_day_is_breached_only_between_its_two_days(at, raised):
    ended = {**notice(status="withdrawn", contacts=[contact(at)]), "ended_on": "2025-03-10"}
    assert bool(rules.breaches([ended])) is raised


def test_a_breach_summary_names_the_people_and_keeps_the_notice_id():
    named = {**notice(contacts=[contact("2025-04-01T10:00:00Z")]), "adult_name": "Dan Coe", "child_name": "Amy Hart"}
    (alert,) = rules.breaches([named])
    assert alert.summary.startswith("Dan Coe (A1) was seen (officer) with Amy Hart (C1) on 2025-04-01")
    assert alert.evidence[1]["text"] == "Dan Coe (A1) was seen (officer) with Amy Hart (C1)"
    assert alert.to_dict()["notice_id"] == "N1"
    # Without names (a person recorded by ID only) the summary gives the IDs, as before.
    (bare,) = rules.breaches([notice(contacts=[contact("2025-04-01T10:00:00Z")])])
    assert bare.summary.startswith("A1 was seen (officer) with C1 on")


def test_a_repeat_missing_summary_names_the_child():
    child = {"person_id": "C1", "name": "Amy Hart",
             "episodes": [{"id": f"E{i}", "at": f"2025-03-0{i}T10:00:00+00:00"} for i in (1, 2, 3)]}
    (alert,) = rules.repeat_missing([child])
    assert alert.summary == "Amy Hart (C1) missing 3 times within 90 days (episodes E1, E2, E3)"
    assert "notice_id" not in alert.to_dict()


@pytest.mark.parametrize("days", [
    ("01-01", "02-01", "03-31", "04-01"), ("01-01", "02-01", "04-02"), ("01-01", "01-01", "01-01"),
    ("01-01", "01-02", "01-03", "09-01", "09-02", "09-03"), ("05-05",), ("01-01", "03-01", "05-01", "07-01"),
])
def test_the_alert_and_the_person_page_read_repeat_missing_alike(days):
    """Both call graph_service.analysis.missing.repeat_missing: a child the person page marks
    repeat missing is one an alert was raised for, on the episode that began each run."""
    from datetime import datetime

    from graph_service.analysis import missing

    episodes = [{"id": f"E{i}", "at": f"2025-{day}T10:00:00+00:00"} for i, day in enumerate(days)]
    page = missing.repeat_missing(datetime.fromisoformat(e["at"]) for e in episodes)
    alerts = rules.repeat_missing([{"person_id": "C1", "episodes": episodes}])
    assert bool(page) == bool(alerts)
    page_times = [when for when, _ in page]
    assert {a.occurred_at for a in alerts} <= {e["at"] for e in episodes
                                                if datetime.fromisoformat(e["at"]) in page_times}
