"""Disruption tactic rules: pure, no database."""

from __future__ import annotations

from datetime import date, timedelta

from graph_service.analysis import candidates as cw
from graph_service.analysis.disruption import (
    DisruptionFacts,
    FoundAt,
    Location,
    LocationLink,
    ProposedAction,
    Scope,
    SightingFact,
    Vehicle,
    VehicleLink,
    associates,
    propose,
)

D = date(2026, 10, 31)
DAY = timedelta(days=1)
ADULT, CHILD, CHILD2 = "A", "C", "C2"
PEOPLE = [cw.Person(ADULT, date(1985, 3, 3), "Invented Adult"), cw.Person(CHILD, date(2012, 6, 6)),
          cw.Person(CHILD2, date(2013, 7, 7)), cw.Person("B", date(1980, 1, 1))]
PLACES = [Location("HOTEL", "Station Hotel", "hotel"), Location("PUB", "The Anchor", "licensed_premises"),
          Location("RANK", "Market St rank", "taxi_rank"), Location("HOME", "12 Elm Rd", "home_address"),
          Location("FOOD", "Late Grill", "takeaway"), Location("SCHOOL", "High School", "school")]


def uses(vrm="AB12CDE", person=ADULT, link_id="U1", grade=("1", "B")):
    return VehicleLink(link_id, person, vrm, "uses_vehicle", D - 200 * DAY, cw.Grade.of_link(link_id, "I" + link_id, *grade))


def seen(sighting_id, location, on=D - 10 * DAY, vrm=None, people=()):
    return SightingFact(sighting_id, on, location, "anpr" if vrm else "officer", vrm, tuple(people))


def plan(*, members=(ADULT, CHILD), kind="network", evidence=(), **facts):
    facts.setdefault("locations", PLACES)
    facts.setdefault("vehicles", [Vehicle("AB12CDE", "Ford", "Focus", "blue")])
    candidate_facts = cw.Facts(people=PEOPLE, evidence=evidence)
    return propose(Scope(kind, "N1" if kind == "network" else members[0], list(members)), DisruptionFacts(**facts),
                   candidate_facts, D)


def tactics(result) -> list[tuple[str, str]]:
    return [(a.tactic, a.target_id) for a in result.actions]


# --- vehicles -------------------------------------------------------------------------------
def test_a_vehicle_sighted_twice_at_places_of_concern_gets_a_marker():
    result = plan(vehicle_links=[uses()], sightings=[seen("S1", "HOTEL", vrm="AB12CDE"),
                                                     seen("S2", "RANK", vrm="AB12CDE")])
    (marker,) = [a for a in result.actions if a.tactic == "vehicle_marker"]
    assert marker.target_id == "AB12CDE" and marker.target_label == "AB12CDE (blue Ford Focus)"
    assert marker.evidence_ids == ["U1", "S1", "S2"]
    assert any("used by A (link U1, graded 1B)" in f for f in marker.facts)
    assert any("Sighted 2 times" in f and "Station Hotel (hotel)" in f for f in marker.facts)


def test_one_sighting_or_sightings_elsewhere_are_not_enough():
    assert ("vehicle_marker", "AB12CDE") not in tactics(plan(vehicle_links=[uses()],
                                                             sightings=[seen("S1", "HOTEL", vrm="AB12CDE")]))
    elsewhere = [seen("S1", "HOME", vrm="AB12CDE"), seen("S2", "SCHOOL", vrm="AB12CDE")]
    assert ("vehicle_marker", "AB12CDE") not in tactics(plan(vehicle_links=[uses()], sightings=elsewhere))


def test_sightings_outside_the_window_do_not_count():
    old = [seen("S1", "HOTEL", on=D - 366 * DAY, vrm="AB12CDE"), seen("S2", "HOTEL", vrm="AB12CDE")]
    assert ("vehicle_marker", "AB12CDE") not in tactics(plan(vehicle_links=[uses()], sightings=old))
    edge = [seen("S1", "HOTEL", on=D - 365 * DAY, vrm="AB12CDE"), seen("S2", "HOTEL", on=D, vrm="AB12CDE")]
    assert ("vehicle_marker", "AB12CDE") in tactics(plan(vehicle_links=[uses()], sightings=edge))


def test_a_vehicle_linked_only_by_e_graded_intelligence_is_not_the_scopes():
    sightings = [seen("S1", "HOTEL", vrm="AB12CDE"), seen("S2", "HOTEL", vrm="AB12CDE")]
    assert tactics(plan(vehicle_links=[uses(grade=("1", "E"))], sightings=sightings)) == []


def test_a_vehicle_of_someone_outside_the_scope_is_not_the_scopes():
    sightings = [seen("S1", "HOTEL", vrm="AB12CDE"), seen("S2", "HOTEL", vrm="AB12CDE")]
    assert tactics(plan(vehicle_links=[uses(person="B")], sightings=sightings)) == []


def test_a_child_in_scope_travelling_in_a_vehicle_gets_it_a_marker():
    trip = VehicleLink("T1", CHILD, "XY99ZZZ", "travelled_in", D - 3 * DAY)
    (marker,) = plan(vehicle_links=[trip]).actions
    assert (marker.tactic, marker.target_id) == ("vehicle_marker", "XY99ZZZ")
    assert "Child in scope C travelled in it (link T1" in marker.facts[0]


def test_hotspots_and_places_children_were_found_are_places_of_concern():
    sightings = [seen("S1", "HOME", vrm="AB12CDE"), seen("S2", "HOME", on=D - 20 * DAY, vrm="AB12CDE")]
    assert ("vehicle_marker", "AB12CDE") in tactics(plan(vehicle_links=[uses()], sightings=sightings,
                                                         hotspot_location_ids=["HOME"]))
    found = [FoundAt("E1", CHILD, "HOME", D - 30 * DAY)]
    assert ("vehicle_marker", "AB12CDE") in tactics(plan(vehicle_links=[uses()], sightings=sightings, found_at=found))


# --- premises -------------------------------------------------------------------------------
def test_a_hotel_linked_once_gets_an_awareness_visit():
    (visit,) = plan(sightings=[seen("S1", "HOTEL", people=[ADULT])]).actions
    assert (visit.tactic, visit.target_kind, visit.target_id) == ("awareness_visit", "location", "HOTEL")
    assert visit.evidence_ids == ["S1"] and "saw A there" in visit.facts[1]


def test_licensed_premises_need_two_facts_or_a_child_found_there():
    assert tactics(plan(sightings=[seen("S1", "PUB", people=[ADULT])])) == []
    two = plan(sightings=[seen("S1", "PUB", people=[ADULT])],
               location_links=[LocationLink("L9", "person", ADULT, "frequents", "PUB", D - 40 * DAY)])
    assert tactics(two) == [("licensing_review", "PUB")]
    found = plan(found_at=[FoundAt("E1", CHILD, "PUB", D - 2 * DAY)])
    assert tactics(found) == [("licensing_review", "PUB")]
    assert "found there at the end of missing episode E1" in found.actions[0].facts[1]


def test_e_graded_and_old_location_intelligence_does_not_link_premises():
    links = [LocationLink("L1", "person", ADULT, "frequents", "PUB", D - 40 * DAY,
                          cw.Grade.of_link("L1", "I1", "2", "E")),
             LocationLink("L2", "person", ADULT, "frequents", "PUB", D - 400 * DAY)]
    assert tactics(plan(sightings=[seen("S1", "PUB", people=[ADULT])], location_links=links)) == []


def test_a_taxi_rank_and_its_drivers():
    sightings = [seen("S1", "RANK", vrm="AB12CDE"), seen("S2", "RANK", on=D - 11 * DAY, vrm="AB12CDE")]
    result = plan(vehicle_links=[uses()], sightings=sightings)
    assert ("taxi_licensing", "RANK") in tactics(result)
    (driver,) = [a for a in result.actions if a.tactic == "taxi_licensing" and a.target_kind == "person"]
    assert driver.target_id == ADULT and driver.target_label == "A (Invented Adult)"
    assert driver.evidence_ids == ["S2", "S1"]  # oldest first


def test_closure_powers_need_three_facts_with_a_child_there():
    with_child = [seen("S1", "FOOD", people=[ADULT]), seen("S2", "FOOD", on=D - 3 * DAY, people=[ADULT]),
                  seen("S3", "FOOD", on=D - 4 * DAY, people=[CHILD, ADULT])]
    assert ("closure_order", "FOOD") in tactics(plan(sightings=with_child))
    adults_only = with_child[:2] + [seen("S3", "FOOD", on=D - 4 * DAY, people=[ADULT])]
    result = tactics(plan(sightings=adults_only))
    assert ("closure_order", "FOOD") not in result and ("awareness_visit", "FOOD") in result


def test_a_home_address_is_no_premises_target():
    assert tactics(plan(sightings=[seen("S1", "HOME", people=[ADULT]), seen("S2", "HOME", people=[ADULT])])) == []


# --- people ---------------------------------------------------------------------------------
def sighting_item(item_id, child, adult=ADULT, on=D - 5 * DAY):
    return cw.Evidence(cw.SIGHTING, item_id, (child, adult), on, (cw.Grade.recorded_fact(item_id),))


def trip_item(item_id, child, adult=ADULT, grade=("2", "B")):
    return cw.Evidence(cw.TRAVELLED_IN, item_id, (child, adult), D - 5 * DAY,
                       (cw.Grade.of_link(item_id, "I" + item_id, *grade), cw.Grade.of_link("U1")), "AB12CDE")


def test_candidate_pairs_inside_the_network_become_a_notice_action():
    result = plan(evidence=[sighting_item("S1", CHILD)])
    (notice,) = result.actions
    assert (notice.tactic, notice.target_id) == ("abduction_warning_notice", ADULT)
    assert "Candidate for C (s2_caa_1984" in notice.facts[0] and notice.evidence_ids == ["S1"]
    # the child is outside the network: no notice action in this network's plan
    assert plan(members=(ADULT,), evidence=[sighting_item("S1", CHILD)]).actions == []


def test_a_persons_plan_takes_their_candidate_pairs():
    result = plan(kind="person", members=(CHILD, ADULT), evidence=[sighting_item("S1", CHILD)])
    assert tactics(result) == [("abduction_warning_notice", ADULT)]


def test_sexual_risk_order_for_an_adult_associating_with_two_children():
    two = plan(members=(ADULT, CHILD, CHILD2), evidence=[sighting_item("S1", CHILD), sighting_item("S2", CHILD2)])
    (order,) = [a for a in two.actions if a.tactic == "sexual_risk_order"]
    assert order.target_id == ADULT and order.evidence_ids == ["S1", "S2"]
    one = plan(members=(ADULT, CHILD, CHILD2), evidence=[sighting_item("S1", CHILD)])
    assert "sexual_risk_order" not in [a.tactic for a in one.actions]
    old = plan(members=(ADULT, CHILD, CHILD2), evidence=[sighting_item("S1", CHILD),
                                                          sighting_item("S2", CHILD2, on=D - 400 * DAY)])
    assert "sexual_risk_order" not in [a.tactic for a in old.actions]


def test_slavery_and_trafficking_order_for_an_adult_moving_two_children():
    result = plan(members=(ADULT, CHILD, CHILD2), evidence=[trip_item("T1", CHILD), trip_item("T2", CHILD2)])
    (order,) = [a for a in result.actions if a.tactic == "slavery_trafficking_order"]
    assert order.evidence_ids == ["T1", "T2"] and "2 children travelled in vehicles A uses" in order.facts[0]
    e_graded = plan(members=(ADULT, CHILD, CHILD2), evidence=[trip_item("T1", CHILD),
                                                               trip_item("T2", CHILD2, grade=("1", "E"))])
    assert "slavery_trafficking_order" not in [a.tactic for a in e_graded.actions]


def test_a_persons_associates_are_those_with_counting_evidence_in_the_window():
    facts = cw.Facts(people=PEOPLE, evidence=[
        sighting_item("S1", CHILD), sighting_item("S2", CHILD2, on=D - 400 * DAY),
        cw.Evidence(cw.ASSOCIATES_WITH, "L1", (ADULT, "B"), D - DAY, (cw.Grade.of_link("L1", "I1", "1", "E"),)),
    ])
    assert associates(facts, ADULT, D) == [ADULT, CHILD]


# --- identity and output ------------------------------------------------------------------------
def test_actions_have_stable_ids_per_plan_and_carry_their_basis():
    action = ProposedAction("vehicle_marker", "vehicle", "AB12CDE", "AB12CDE", ["fact"], ["S1"])
    assert action.action_id("network:N1") == action.action_id("network:N1")
    assert action.action_id("network:N1") != action.action_id("network:N2")
    data = action.to_dict("network:N1")
    assert data["legal_basis"] and data["title"].startswith("Vehicle marker")


def test_plan_output_lists_every_action_with_facts_and_ids():
    result = plan(members=(ADULT, CHILD, CHILD2), vehicle_links=[uses()],
                  sightings=[seen("S1", "HOTEL", vrm="AB12CDE"), seen("S2", "HOTEL", vrm="AB12CDE")],
                  evidence=[sighting_item("S9", CHILD), trip_item("T2", CHILD2)])
    data = result.to_dict()
    assert data["plan_id"] == "network:N1" and data["as_of"] == "2026-10-31"
    assert [a["tactic"] for a in data["actions"]] == ["vehicle_marker", "awareness_visit",
                                                      "abduction_warning_notice", "sexual_risk_order"]
    for action in data["actions"]:
        assert action["facts"] and action["evidence_ids"] and action["legal_basis"]


def test_an_adult_in_scope_is_known_by_the_plans_own_people_records():
    sightings = [seen("S1", "RANK", vrm="AB12CDE"), seen("S2", "RANK", on=D - 11 * DAY, vrm="AB12CDE")]
    facts = DisruptionFacts(people=[cw.Person("D", date(1970, 1, 1), "Invented Driver")], locations=PLACES,
                            vehicle_links=[uses(person="D")], sightings=sightings)
    result = propose(Scope("person", "D", ["D"]), facts, cw.Facts(), D)
    (driver,) = [a for a in result.actions if a.tactic == "taxi_licensing" and a.target_kind == "person"]
    assert driver.target_label == "D (Invented Driver)"
