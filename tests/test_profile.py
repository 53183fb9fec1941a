"""The problem profile of an area: figures on a small hand-made world, counted by hand; the
partner's version through the disclosure rules."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_files import write_jsonl
from test_areas import EAST, WEST, boundary_file

from graph_service import disclosure
from graph_service.analysis.profile import AreaNotFound, ProfileError, build_profile
from graph_service.analysis.profile import facts as profile_facts
from ingest import ingest_paths
from ingest.areas import read_boundaries, store_areas

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
HOTEL, PARK, HOME, TAKEAWAY = (51.505, -1.795), (51.501, -1.799), (51.508, -1.792), (51.505, -1.785)


def world() -> list[dict]:
    """Two wards. West holds a hotel, a park and a home; East a takeaway.

    C1 (girl, 13 at the end of March, under a care order) goes missing four times (20 February,
    3, 10 and 20 March), found at the hotel each time; a return interview two days after the
    first March return. C1 is also seen at the takeaway in East (code P intelligence). C2 (boy,
    16) is seen at the park with A1 and A1's car (a sighting). A1 (man, 36) associates with C1
    and frequents the hotel (code P, graded 2B). A2 (adult) is seen at the park alone the next
    day, tied to no child. A notice protecting C1 is issued on 12 March. C1's CSE concern: level 1
    on 10 February, level 3 on 2 March, level 2 on 4 March."""
    def location(lid, category, lat_lon):
        return {"type": "location", "location_id": lid, "name": lid, "category": category,
                "lat": lat_lon[0], "lon": lat_lon[1]}

    def episode(eid, day, interview=None):
        return {"type": "missing_episode", "episode_id": eid, "person_id": "C1", "reported_at": f"{day}T20:00:00Z",
                "found_at": f"{day}T23:00:00Z", "found_location_id": "L_HOTEL", "return_interview_on": interview}

    records = [
        {"type": "person", "person_id": "C1", "dob": "2012-05-01", "gender": "female", "ethnicity": "White British"},
        {"type": "person", "person_id": "C2", "dob": "2010-01-01", "gender": "male"},
        {"type": "person", "person_id": "A1", "dob": "1990-01-01", "gender": "male"},
        {"type": "person", "person_id": "A2", "dob": "1980-01-01", "gender": "female"},
        location("L_HOTEL", "hotel", HOTEL), location("L_PARK", "park", PARK), location("L_HOME", "home_address", HOME),
        location("L_TAKEAWAY", "takeaway", TAKEAWAY),
        {"type": "vehicle", "vrm": "AB12CDE"},
        {"type": "care_status", "person_id": "C1", "status": "care_order", "start_on": "2025-06-01"},
        episode("M0", "2026-02-20"), episode("M1", "2026-03-03", "2026-03-05"), episode("M2", "2026-03-10"),
        episode("M3", "2026-03-20"),
        {"type": "sighting", "sighting_id": "S1", "observed_at": "2026-03-05T18:00:00Z", "location_id": "L_PARK",
         "source": "officer", "vrm": "AB12CDE", "person_ids": ["C2", "A1"]},
        {"type": "sighting", "sighting_id": "S2", "observed_at": "2026-03-06T18:00:00Z", "location_id": "L_PARK",
         "source": "officer", "person_ids": ["A2"]},
        {"type": "intel", "intel_id": "I1", "reported_on": "2026-03-08", "source_evaluation": "2",
         "intelligence_assessment": "B", "handling_code": "P"},
        {"type": "link", "link_id": "K1", "intel_id": "I1", "subject_type": "person", "subject_id": "A1",
         "relation": "associates_with", "object_type": "person", "object_id": "C1"},
        {"type": "link", "link_id": "K2", "intel_id": "I1", "subject_type": "person", "subject_id": "A1",
         "relation": "frequents", "object_type": "location", "object_id": "L_HOTEL"},
        {"type": "link", "link_id": "K3", "intel_id": "I1", "subject_type": "person", "subject_id": "C1",
         "relation": "seen_at", "object_type": "location", "object_id": "L_TAKEAWAY"},
        {"type": "link", "link_id": "K4", "intel_id": "I1", "subject_type": "person", "subject_id": "A1",
         "relation": "uses_vehicle", "object_type": "vehicle", "object_id": "AB12CDE"},
        {"type": "link", "link_id": "K5", "intel_id": "I1", "subject_type": "person", "subject_id": "C1",
         "relation": "lives_at", "object_type": "location", "object_id": "L_HOME"},
        {"type": "cse_concern", "concern_id": "CC0", "person_id": "C1", "level": "1", "assessed_on": "2026-02-10",
         "assessed_by": "SW Example"},
        {"type": "cse_concern", "concern_id": "CC1", "person_id": "C1", "level": "3", "assessed_on": "2026-03-02",
         "assessed_by": "SW Example"},
        {"type": "cse_concern", "concern_id": "CC2", "person_id": "C1", "level": "2", "assessed_on": "2026-03-04",
         "assessed_by": "SW Example"},
        {"type": "notice", "notice_id": "N1", "adult_id": "A1", "child_id": "C1", "basis": "s49_ca_1989",
         "issued_on": "2026-03-12", "status": "active"},
    ]
    return [{k: v for k, v in r.items() if v is not None} for r in records]


@pytest.fixture
def west(db, tmp_path):
    ingest_paths(db, [write_jsonl(tmp_path / "world.jsonl", world())])
    store_areas(db, read_boundaries(boundary_file(tmp_path, ["West", "East"], [WEST, EAST]), "ward", "WD_NAME"),
                source="wards.geojson")
    return db


def test_the_police_profile_counts_the_hand_made_world(west):
    profile = build_profile(west, "West", *MARCH, since=date(2026, 3, 15), today=date(2026, 4, 1))
    assert profile["area"] == {"area_id": "ward:west", "name": "West", "level": "ward"}
    victims = profile["victims"]
    assert victims["total"] == 2
    assert victims["by_age_band"] == {"under 10": 0, "10 to 12": 0, "13 to 15": 1, "16 and 17": 1, "not recorded": 0}
    assert victims["by_gender"] == {"female": 1, "male": 1}
    assert victims["looked_after"] == {"looked after": 1, "not looked after": 1}
    assert victims["by_ethnicity"] == {"White British": 1, "not recorded": 1}
    # C1's newest assessment in March is level 2 (level 3 two days before it); C2 has none
    assert victims["by_concern_level"] == {"level 1": 0, "level 2": 1, "level 3": 0, "no assessment in the period": 1}
    assert victims["repeat_missing"] == 1
    assert victims["missing_from"] == {"home": 0, "care": 3}
    assert profile["offenders"] == {"total": 1, "by_age_band": {"18 to 24": 0, "25 to 34": 0, "35 to 44": 1,
                                                                "45 and over": 0, "not recorded": 0},
                                    "by_gender": {"male": 1}, "in_networks": 0, "alone": 1, "vehicles": 1}
    assert profile["locations"]["places"] == 3 and profile["locations"]["places_of_concern"] == 2
    assert {k: v for k, v in profile["locations"]["by_category"].items() if v} == {"hotel": 1, "park": 1}
    assert profile["themes"] == {"hotels_and_takeaways": 1, "vehicles": 1, "peer_recruitment": 0, "cross_border": 1}
    # the month before: one episode (20 February), one child; since the meeting: one episode, one child
    assert profile["previous"]["victims"]["total"] == 1 and profile["previous"]["offenders"]["total"] == 0
    assert profile["previous"]["victims"]["by_concern_level"]["level 1"] == 1
    assert profile["since_meeting"]["victims"]["total"] == 1
    [march] = profile["indicators"]["by_month"]
    assert march["month"] == "2026-03"
    assert {k: march[k] for k in ("missing_episodes", "repeat_missing", "return_interviews",
                                  "return_interviews_in_time", "intel_reports", "intel_B", "notices_issued")} == {
        "missing_episodes": 3, "repeat_missing": 1, "return_interviews": 1, "return_interviews_in_time": 1,
        "intel_reports": 1, "intel_B": 1, "notices_issued": 1}
    assert profile["indicators"]["now"] == {"notices_active": 1, "notices_breached": 0, "actions_overdue": 0}


def test_the_other_ward_and_the_cross_border_child(west):
    east = build_profile(west, "ward:east", *MARCH)
    assert east["victims"]["total"] == 1 and east["themes"]["cross_border"] == 1
    assert east["themes"]["hotels_and_takeaways"] == 1 and east["offenders"]["total"] == 0


def test_the_partner_profile_counts_only_what_partners_may_see_and_withholds_small_counts(west):
    partner = build_profile(west, "West", *MARCH, since=date(2026, 3, 15), partner=True)
    # the sighting (C2, A1 at the park) never reaches a partner: one child is left, withheld
    assert partner["victims"]["total"] is None
    assert partner["withheld"]["victims.total"] == disclosure.WITHHELD_SMALL
    assert partner["victims"]["by_gender"] is None and partner["withheld"]["victims.by_gender"] == disclosure.WITHHELD_PART
    # episodes are a partner's to count (3 shown rounded to 5, against differencing)
    assert partner["victims"]["missing_from"] == {"home": 0, "care": 5}
    assert partner["locations"]["places"] is None  # two places: the home address is not a partner's
    facts = profile_facts.shareable(profile_facts.fetch(west, "ward:west", *MARCH))
    assert sorted(p["location_id"] for p in facts.places) == ["L_HOTEL", "L_PARK"]
    assert {r["kind"] for r in facts.presence} == {"missing", "intel"}
    assert partner["themes"]["vehicles"] == 0
    assert partner["indicators"]["by_month"][0]["missing_episodes"] == 5
    assert partner["since"] == date(2026, 3, 1) and partner["previous_from"] == date(2026, 2, 1)  # whole months


def test_unknown_area_and_bad_windows_are_refused_with_reasons(west):
    with pytest.raises(AreaNotFound, match="no loaded area has the ID or name 'North'"):
        build_profile(west, "North", *MARCH)
    with pytest.raises(ProfileError, match="to: 2026-02-01 is before from 2026-03-01"):
        build_profile(west, "West", date(2026, 3, 1), date(2026, 2, 1))
    with pytest.raises(ProfileError, match="since: the last meeting"):
        build_profile(west, "West", *MARCH, since=date(2026, 4, 2))
    # a partner's period is whole calendar months (against differencing); the police's is any
    with pytest.raises(ProfileError, match="to: partners receive profiles of whole calendar months: 2026-03-30"):
        build_profile(west, "West", date(2026, 3, 1), date(2026, 3, 30), partner=True)
    assert build_profile(west, "West", date(2026, 3, 1), date(2026, 3, 30))["area"]["area_id"] == "ward:west"


def test_partner_profile_withholds_breakdowns_differences_and_months():
    full = {
        "area": {"area_id": "ward:x", "name": "X", "level": "ward"}, "from": date(2026, 3, 1),
        "victims": {"total": 12, "by_gender": {"female": 10, "male": 2}, "repeat_missing": 4,
                    "missing_from": {"home": 6, "care": 5}},
        "offenders": {"total": 5, "in_networks": 4, "alone": 1, "vehicles": 3},
        "locations": {"places": 40, "places_of_concern": 7, "by_category": {"hotel": 3, "park": 4}},
        "themes": {"cross_border": 3},
        "previous": {"victims": {"total": 2}, "offenders": {}, "locations": {}, "themes": {}},
        "since_meeting": {"victims": {"total": 11, "repeat_missing": 4, "by_gender": {"female": 9, "male": 2},
                                      "missing_from": {"home": 3, "care": 3}},
                          "offenders": {}, "locations": {}, "themes": {}},
        "indicators": {"by_month": [
            {"month": "2026-03", "missing_episodes": 9, "intel_reports": 5, "intel_A": 4, "intel_B": 1,
             "return_interviews": 6, "return_interviews_in_time": 5},
            {"month": "2026-04", "missing_episodes": 2, "intel_reports": 3, "intel_A": 3, "intel_B": 0,
             "return_interviews": 4, "return_interviews_in_time": 0}],
            "now": {"notices_active": 2}},
    }
    shown = disclosure.profile(full)
    assert shown["victims"]["total"] == 10 and shown["victims"]["by_gender"] is None  # 12, rounded to 5
    assert shown["offenders"]["in_networks"] is None and shown["offenders"]["alone"] is None  # 5 - 4 = 1
    assert shown["previous"]["victims"]["total"] is None
    # since the meeting: 11 of the period's 12 children: 12 - 11 = 1 would be given away
    assert shown["since_meeting"]["victims"]["total"] is None
    assert shown["since_meeting"]["withheld"]["victims.total"] == disclosure.WITHHELD_SUBTRACTION
    assert shown["since_meeting"]["victims"]["repeat_missing"] == 5  # 4 - 4 = 0: nothing given away; 4 rounded
    march, april = shown["indicators"]["by_month"]
    assert march["intel_A"] is None and march["intel_B"] is None and march["intel_reports"] == 5  # 5 rounded
    assert march["return_interviews_in_time"] is None  # 6 - 5 = 1 not interviewed in time
    assert april["missing_episodes"] is None and april["intel_A"] == 5 and april["return_interviews_in_time"] == 0
    # April's 2 episodes would follow from the period's 11 episodes from home or care less March's 9
    assert shown["victims"]["missing_from"] is None
    assert shown["indicators"]["now"] == {"notices_active": None}
