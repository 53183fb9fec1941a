"""The synthetic scenario: deterministic, faithful to the intake contract, and its answer key
(ground_truth.json) true of the files it ships with.

The contract checks here are written from docs/intake-format.md on their own, apart from the ingest
package's models; the real ingest and the candidate rules of the service are then run on the
same files against the real Neo4j.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from ingest.fields import account_key, normalise_reference
from ingest.scenario import DEFAULT_AS_OF, ScenarioError, generate
from ingest.scenario.boundaries import FILES as BOUNDARY_FILES

# --------------------------------------------------------------------------- the contract

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
FIELDS = {  # type: (required, optional), from docs/intake-format.md
    "person": ({"person_id"}, {"forename", "surname", "dob", "gender", "ethnicity", "aliases"}),
    "vehicle": ({"vrm"}, {"make", "model", "colour"}),
    "location": ({"location_id", "category", "lat", "lon"}, {"name", "address", "postcode"}),
    "intel": ({"intel_id", "reported_on", "source_evaluation", "intelligence_assessment", "handling_code"},
              {"handling_conditions", "summary", "review_on", "review_date"}),
    "link": ({"link_id", "subject_type", "subject_id", "relation", "object_type", "object_id"},
             {"intel_id", "observed_at"}),
    "missing_episode": ({"episode_id", "person_id", "reported_at"},
                        {"found_at", "found_location_id", "found_with", "return_interview_on", "missing_from",
                         "duration_hours"}),
    "sighting": ({"sighting_id", "observed_at", "location_id", "source"}, {"vrm", "person_ids"}),
    "care_status": ({"person_id", "status", "start_on"}, {"end_on"}),
    "family": ({"person_id", "relative_id", "relation"}, set()),
    "notice": ({"notice_id", "adult_id", "child_id", "basis", "issued_on", "status"}, set()),
    "permission_statement": ({"statement_id", "child_id", "adult_id", "made_by_id", "made_on"}, set()),
    "cse_concern": ({"concern_id", "person_id", "level", "assessed_on", "assessed_by"}, {"risk_factors", "review_on"}),
    "phone": ({"number"}, set()),
    "online_account": ({"platform", "handle"}, {"display_name"}),
    "contact": ({"contact_id", "intel_id", "from_type", "from_id", "to_type", "to_id", "contacted_on"},
                {"means", "known_from"}),
}
ENUMS = {
    ("location", "category"): {"home_address", "children_home", "hotel", "takeaway", "licensed_premises", "park",
                               "school", "taxi_rank", "shop", "car_park", "other"},
    ("intel", "source_evaluation"): {"1", "2", "3"},
    ("intel", "intelligence_assessment"): set("ABCDE"),
    ("intel", "handling_code"): {"P", "C"},
    ("link", "subject_type"): {"person", "vehicle", "location"},
    ("link", "object_type"): {"person", "vehicle", "location", "phone", "online_account"},
    ("contact", "from_type"): {"phone", "online_account"},
    ("contact", "to_type"): {"phone", "online_account"},
    ("sighting", "source"): {"anpr", "officer", "partner", "cctv"},
    ("care_status", "status"): {"care_order", "interim_care_order", "emergency_protection_order",
                                "police_protection", "accommodated_s20", "none"},
    ("family", "relation"): {"parent", "guardian", "special_guardian", "parental_responsibility",
                             "child_arrangements_order", "foster_carer", "sibling", "other_relative"},
    ("notice", "basis"): {"s2_caa_1984", "s49_ca_1989"},
    ("notice", "status"): {"active", "withdrawn", "expired", "breached"},
    ("cse_concern", "level"): {"1", "2", "3"},
    ("missing_episode", "missing_from"): {"home", "care", "school", "other"},
}
RELATIONS = {"associates_with": ({"person"}, {"person"}), "uses_vehicle": ({"person"}, {"vehicle"}),
             "travelled_in": ({"person"}, {"vehicle"}), "seen_at": ({"person", "vehicle"}, {"location"}),
             "lives_at": ({"person", "vehicle"}, {"location"}), "frequents": ({"person", "vehicle"}, {"location"}),
             "uses_phone": ({"person"}, {"phone"}), "uses_account": ({"person"}, {"online_account"})}
LIST_FIELDS = {"aliases", "found_with", "person_ids", "risk_factors"}
DATE_FIELDS = {"dob", "reported_on", "review_on", "review_date", "return_interview_on", "start_on", "end_on", "issued_on", "made_on",
               "assessed_on", "contacted_on"}
DATETIME_FIELDS = {"observed_at", "reported_at", "found_at"}
CSV_TYPES = {"person", "vehicle", "location", "care_status", "family", "phone", "online_account"}
ORDERS = {"care_order", "interim_care_order", "emergency_protection_order", "police_protection"}
LOOKED_AFTER = {"care_order", "interim_care_order", "accommodated_s20"}


def vrm(text: str) -> str:
    return "".join(text.split()).upper()


def age(dob: str, on: date) -> int:
    born = date.fromisoformat(dob)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def read_records(folder: Path) -> dict[str, list[dict]]:
    """Every record of a folder as docs/intake-format.md defines them: CSV (the file name gives the type;
    an empty cell is absent; lists split on ';') and JSON Lines (a "type" on each line)."""
    records = defaultdict(list)
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            kind = path.stem
            required, optional = FIELDS[kind]
            assert set(reader.fieldnames) <= required | optional and required <= set(reader.fieldnames), path
            for row in reader:
                record = {k: (v.split(";") if k in LIST_FIELDS else v) for k, v in row.items() if v != ""}
                records[kind].append(record)
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                records[record.pop("type")].append(record)
    return records


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    return generate(seed=11, size="small", out=tmp_path_factory.mktemp("small"))


@pytest.fixture(scope="module")
def records(small) -> dict[str, list[dict]]:
    return read_records(small)


@pytest.fixture(scope="module")
def truth(small) -> dict:
    return json.loads((small / "ground_truth.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- determinism

def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_writes_the_same_bytes_and_another_seed_does_not(small, tmp_path):
    again = _contents(generate(seed=11, size="small", out=tmp_path / "again"))
    assert again == _contents(small)
    other = _contents(generate(seed=12, size="small", out=tmp_path / "other"))
    assert other.keys() == again.keys()
    # the towns' boundaries are the same whatever the seed: the towns are
    assert all(other[name] != again[name] for name in again if name not in BOUNDARY_FILES.values())
    assert all(other[name] == again[name] for name in BOUNDARY_FILES.values())


def test_a_friend_is_drawn_from_the_others_as_from_a_list_of_them():
    # The town centres draw a teenager's friend from a view of the others (a region holds too many
    # to copy for every draw); a seed must write the same scenario as the list of them did.
    import random

    from ingest.scenario.background import _some, _Without

    people = [f"teen-{n}" for n in range(40)]
    for position in (None, 0, 17, 39):
        others = [p for i, p in enumerate(people) if i != position]
        view = _Without(people, position)
        assert list(view) == others and len(view) == len(others) and view[-1] == others[-1]
        for k in (1, 3, 30):
            assert _some(random.Random(k), view, k) == _some(random.Random(k), others, k)
    assert _some(random.Random(1), _Without(people[:1], 0), 1) == []


def test_writes_both_csv_and_json_lines_and_the_answer_key(small):
    names = {p.name for p in small.iterdir()}
    assert {"person.csv", "location.csv", "vehicle.csv", "care_status.csv", "family.csv"} <= names
    assert {"intel.jsonl", "link.jsonl", "missing_episode.jsonl", "sighting.jsonl", "disruption.jsonl"} <= names
    assert "ground_truth.json" in names
    assert not [n for n in names if n.endswith(".partial")]


# --------------------------------------------------------------------------- sizes

def test_small_is_about_two_thousand_records_of_every_type(records, truth):
    counts = {kind: len(items) for kind, items in records.items()}
    assert set(counts) == set(FIELDS)
    assert all(counts.values())
    assert counts == truth["record_counts"]
    # About two thousand, and the communications step's records on top (it runs last, so the
    # rest is unchanged by it): phones, accounts, contacts and the reports and links behind them.
    communications = truth["communications"]["records"]
    assert communications >= sum(counts[k] for k in ("phone", "online_account", "contact")) * 2
    assert 1_800 <= sum(counts.values()) - communications <= 2_200


def test_medium_is_about_a_hundred_thousand_records(tmp_path):
    out = generate(seed=5, size="medium", out=tmp_path)
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) - (p.suffix == ".csv")
                for p in out.iterdir() if p.suffix in (".csv", ".jsonl"))
    truth = json.loads((out / "ground_truth.json").read_text(encoding="utf-8"))
    assert lines == truth["total_records"]
    assert 90_000 <= lines <= 110_000
    # more of the town: more networks, each still whole
    assert len(truth["networks"]) == 8
    assert len({n["network"] for n in truth["networks"]}) == 8


# --------------------------------------------------------------------------- the contract

def test_every_record_follows_the_intake_contract(records):
    for kind, items in records.items():
        required, optional = FIELDS[kind]
        for record in items:
            assert required <= set(record), (kind, record)
            assert set(record) <= required | optional, (kind, record)
            for name, value in record.items():
                if name in LIST_FIELDS:
                    assert isinstance(value, list) and all(isinstance(v, str) and v for v in value), (kind, record)
                    continue
                assert isinstance(value, (str, float, int)), (kind, record)
                if name in DATE_FIELDS:
                    assert DATE.match(value) and date.fromisoformat(value), (kind, name, value)
                if name in DATETIME_FIELDS:
                    assert DATETIME.match(value), (kind, name, value)
                if (kind, name) in ENUMS:
                    assert value in ENUMS[(kind, name)], (kind, name, value)
        if kind == "location":
            for record in items:
                assert -90 <= float(record["lat"]) <= 90 and -180 <= float(record["lon"]) <= 180
        if kind == "intel":
            for record in items:
                assert (record["handling_code"] == "C") <= bool(record.get("handling_conditions")), record
        if kind == "sighting":
            for record in items:
                assert record.get("vrm") or record.get("person_ids"), record
        if kind == "link":
            for record in items:
                subjects, objects = RELATIONS[record["relation"]]
                assert record["subject_type"] in subjects and record["object_type"] in objects, record


def test_ids_are_unique_and_every_reference_exists(records):
    people = [r["person_id"] for r in records["person"]]
    places = [r["location_id"] for r in records["location"]]
    reports = [r["intel_id"] for r in records["intel"]]
    vehicles = [vrm(r["vrm"]) for r in records["vehicle"]]
    for ids in (people, places, reports, vehicles, [r["link_id"] for r in records["link"]],
                [r["episode_id"] for r in records["missing_episode"]],
                [r["sighting_id"] for r in records["sighting"]], [r["notice_id"] for r in records["notice"]],
                [r["statement_id"] for r in records["permission_statement"]]):
        assert len(ids) == len(set(ids))
    phones = [normalise_reference("phone", r["number"]) for r in records["phone"]]
    accounts = [account_key(r["platform"], r["handle"]) for r in records["online_account"]]
    for ids in (phones, accounts, [r["contact_id"] for r in records["contact"]]):
        assert len(ids) == len(set(ids))
    known = {"person": set(people), "location": set(places), "vehicle": set(vehicles), "phone": set(phones),
             "online_account": set(accounts)}
    for link in records["link"]:
        for side in ("subject", "object"):
            kind, ref = link[f"{side}_type"], link[f"{side}_id"]
            assert normalise_reference(kind, ref) in known[kind], link
    for contact in records["contact"]:
        assert contact["intel_id"] in set(reports)
        for end in ("from", "to"):
            assert normalise_reference(contact[f"{end}_type"], contact[f"{end}_id"]) in known[contact[f"{end}_type"]]
        assert link.get("intel_id", reports[0]) in set(reports), link
    for episode in records["missing_episode"]:
        assert {episode["person_id"], *episode.get("found_with", [])} <= known["person"]
        assert episode.get("found_location_id", places[0]) in known["location"]
    for sighting in records["sighting"]:
        assert sighting["location_id"] in known["location"]
        assert set(sighting.get("person_ids", [])) <= known["person"]
        assert vrm(sighting.get("vrm", vehicles[0])) in known["vehicle"]
    for kind, fields in (("care_status", ["person_id"]), ("family", ["person_id", "relative_id"]),
                         ("notice", ["adult_id", "child_id"]),
                         ("permission_statement", ["child_id", "adult_id", "made_by_id"])):
        for record in records[kind]:
            assert {record[f] for f in fields} <= known["person"], record


def test_registrations_are_written_in_varied_forms_that_normalise_to_one(records):
    written = {vrm(r["vrm"]): r["vrm"] for r in records["vehicle"]}
    references = [s["vrm"] for s in records["sighting"] if "vrm" in s]
    references += [link["object_id"] for link in records["link"] if link["object_type"] == "vehicle"]
    differ = [r for r in references if r != written[vrm(r)]]
    assert len(differ) > len(references) / 2
    assert any(r.islower() for r in differ) and any(" " not in r for r in differ)


def test_nothing_happens_after_the_as_of_date(records, truth):
    as_of = truth["as_of"]
    for kind, items in records.items():
        for record in items:
            for name in (DATE_FIELDS | DATETIME_FIELDS) - {"review_on", "review_date"}:
                if name in record:
                    assert record[name][:10] <= as_of, (kind, record)


# --------------------------------------------------------------------------- the picture

def test_every_grade_of_intelligence_with_e_and_handling_conditions(records):
    grades = Counter((r["source_evaluation"], r["intelligence_assessment"], r["handling_code"])
                     for r in records["intel"])
    assert set(grades) == {(s, a, h) for s in "123" for a in "ABCDE" for h in "PC"}
    assert all(r.get("handling_conditions") for r in records["intel"] if r["handling_code"] == "C")


def test_networks_of_every_model_with_children_of_both_genders(records, truth):
    assert [n["network"] for n in truth["networks"]] == ["takeaway_hotel", "lone_perpetrator",
                                                         "peer_recruitment", "cross_town"]
    people = {p["person_id"]: p for p in records["person"]}
    as_of = date.fromisoformat(truth["as_of"])
    for network in truth["networks"]:
        assert set(network["members"]) == set(network["children"]) | set(network["suspected_perpetrators"])
        assert set(network["members"]) <= set(people)
        assert all(age(people[c]["dob"], as_of) < 18 for c in network["children"])
        assert all(age(people[a]["dob"], as_of) >= 18 for a in network["suspected_perpetrators"])
    genders = Counter(people[c]["gender"] for n in truth["networks"] for c in n["children"])
    assert genders["female"] > genders["male"] > 0
    lone = truth["networks"][1]
    assert len(lone["suspected_perpetrators"]) == 1
    peer = truth["networks"][2]
    recruiter, = peer["recruiters"]
    assert recruiter in peer["children"] and recruiter not in peer["suspected_perpetrators"]


def test_about_a_fifth_of_victims_are_looked_after(records, truth):
    as_of = truth["as_of"]
    in_force = defaultdict(set)
    for status in records["care_status"]:
        if status["start_on"] <= as_of and status.get("end_on", "9999") >= as_of:
            in_force[status["person_id"]].add(status["status"])
    children = [c for n in truth["networks"] for c in n["children"]]
    looked_after = [c for c in children if in_force[c] & LOOKED_AFTER]
    assert 0.15 <= len(looked_after) / len(children) <= 0.3
    statuses = {s["status"] for s in records["care_status"]}
    assert {"care_order", "interim_care_order", "accommodated_s20"} <= statuses
    assert any("end_on" in s for s in records["care_status"] if s["status"] == "care_order")  # ended orders


def test_victims_go_missing_repeatedly_found_with_associates_and_not_always_interviewed(records, truth):
    children = {c for n in truth["networks"] for c in n["children"]}
    episodes = [e for e in records["missing_episode"] if e["person_id"] in children]
    per_child = Counter(e["person_id"] for e in episodes)
    assert sum(1 for n in per_child.values() if n >= 3) >= len(children) / 2
    found = [e for e in episodes if "found_at" in e]
    assert sum("found_with" in e for e in found) >= len(children)
    assert all("found_location_id" in e for e in found)
    interviewed = sum("return_interview_on" in e for e in found)
    assert 0.5 * len(found) < interviewed < len(found)


def test_links_of_every_relation_and_sightings_from_every_source(records):
    assert {link["relation"] for link in records["link"]} == set(RELATIONS)
    assert {(link["subject_type"], link["relation"]) for link in records["link"]} >= {
        ("vehicle", "frequents"), ("person", "frequents"), ("person", "seen_at"), ("person", "lives_at")}
    assert any("observed_at" not in link for link in records["link"])  # dated by their report
    assert {s["source"] for s in records["sighting"]} == {"anpr", "officer", "partner", "cctv"}
    assert all("vrm" in s and "person_ids" not in s for s in records["sighting"] if s["source"] == "anpr")


def test_family_links_adults_to_children_and_notices_have_every_status(records):
    relations = Counter(f["relation"] for f in records["family"])
    assert {"parent", "parental_responsibility", "special_guardian", "foster_carer", "sibling"} <= set(relations)
    assert {n["status"] for n in records["notice"]} == {"active", "withdrawn", "expired"}
    assert records["permission_statement"]


def test_network_vehicles_are_read_by_anpr_near_their_hotspots(records, truth):
    places = {p["location_id"]: p for p in records["location"]}
    for network in truth["networks"]:
        reads = [s for s in records["sighting"]
                 if s["source"] == "anpr" and vrm(s.get("vrm", "")) in network["vehicles"]]
        assert reads, network["network"]
        hotspots = [places[h] for h in network["hotspot_location_ids"]]
        for read in reads:
            camera = places[read["location_id"]]
            nearest = min(abs(float(camera["lat"]) - float(h["lat"])) + abs(float(camera["lon"]) - float(h["lon"]))
                          for h in hotspots)
            assert nearest < 0.02, (network["network"], camera)  # about a kilometre


def test_hotspots_are_real_locations_on_british_coordinates_and_busy(records, truth):
    places = {p["location_id"]: p for p in records["location"]}
    events = Counter(s["location_id"] for s in records["sighting"])
    events.update(e["found_location_id"] for e in records["missing_episode"] if "found_location_id" in e)
    events.update(link["object_id"] for link in records["link"] if link["object_type"] == "location")
    typical = sorted(events[p] for p in places)[len(places) // 2]
    for hotspot in truth["hotspots"]:
        place = places[hotspot["location_id"]]
        assert (place["name"], place["category"]) == (hotspot["name"], hotspot["category"])
        assert (float(place["lat"]), float(place["lon"])) == (hotspot["lat"], hotspot["lon"])
        assert 50.0 < hotspot["lat"] < 55.8 and -5.7 < hotspot["lon"] < 1.8  # England
        assert events[hotspot["location_id"]] > 3 * max(typical, 1)


# --------------------------------------------------------------------------- the answer key

def _evidence_between(records, first: str, second: str, as_of: date, start: date) -> list[str]:
    """IDs of items in the window that tie two people, read straight from the records."""
    grades = {r["intel_id"]: r for r in records["intel"]}

    def counts(link) -> bool:
        report = grades.get(link.get("intel_id"))
        return report is None or report["intelligence_assessment"] != "E"

    def day(link) -> date:
        return date.fromisoformat((link.get("observed_at") or grades[link["intel_id"]]["reported_on"])[:10])

    pair = {first, second}
    items = []
    for e in records["missing_episode"]:
        if "found_at" in e and pair <= {e["person_id"]} | set(e.get("found_with", [])) and e["person_id"] in pair:
            items.append((e["episode_id"], date.fromisoformat(e["found_at"][:10]), True))
    for s in records["sighting"]:
        if pair <= set(s.get("person_ids", [])):
            items.append((s["sighting_id"], date.fromisoformat(s["observed_at"][:10]), True))
    users = defaultdict(set)
    for link in records["link"]:
        if link["relation"] == "uses_vehicle":
            users[vrm(link["object_id"])].add(link["subject_id"])
    for link in records["link"]:
        if link["relation"] == "associates_with" and {link["subject_id"], link["object_id"]} == pair:
            items.append((link["link_id"], day(link), counts(link)))
        if link["relation"] == "travelled_in" and link["subject_id"] in pair:
            other = (pair - {link["subject_id"]}).pop()
            if other in users[vrm(link["object_id"])]:
                items.append((link["link_id"], day(link), counts(link)))
    # A contact between a phone or account one uses and one the other uses (issue 16).
    means = defaultdict(set)
    for link in records["link"]:
        if link["relation"] in ("uses_phone", "uses_account"):
            means[normalise_reference(link["object_type"], link["object_id"])].add((link["subject_id"], counts(link)))
    for c in records["contact"]:
        ends = [means[normalise_reference(c[f"{e}_type"], c[f"{e}_id"])] for e in ("from", "to")]
        for (a, a_counts) in ends[0]:
            for (b, b_counts) in ends[1]:
                if {a, b} == pair:
                    items.append((c["contact_id"], date.fromisoformat(c["contacted_on"]),
                                  counts(c) and a_counts and b_counts))
    return sorted(i for i, on, ok in items if ok and start <= on <= as_of)


def test_candidate_pairs_satisfy_the_notice_rules(records, truth):
    as_of = date.fromisoformat(truth["as_of"])
    start = as_of - timedelta(days=truth["lookback_days"])
    people = {p["person_id"]: p for p in records["person"]}
    orders = defaultdict(list)
    for s in records["care_status"]:
        if s["status"] in ORDERS and s["start_on"] <= truth["as_of"] <= s.get("end_on", "9999"):
            orders[s["person_id"]].append(s)
    connected = {(f["person_id"], f["relative_id"]) for f in records["family"]
                 if f["relation"] in ("parent", "guardian", "special_guardian", "parental_responsibility",
                                      "child_arrangements_order")}
    active = {(n["adult_id"], n["child_id"]) for n in records["notice"] if n["status"] == "active"}
    assert truth["candidate_pairs"]
    for pair in truth["candidate_pairs"]:
        adult, child = pair["adult_id"], pair["child_id"]
        assert age(people[adult]["dob"], as_of) >= 18
        child_age = age(people[child]["dob"], as_of)
        expected = []
        if child_age < 16 and (child, adult) not in connected:
            expected.append("s2_caa_1984")
        if child_age < 18 and orders[child]:
            expected.append("s49_ca_1989")
        assert pair["legal_bases"] == expected and expected, pair
        assert (adult, child) not in active
        assert pair["evidence_ids"] == _evidence_between(records, adult, child, as_of, start), pair


def test_planted_pairs_cover_every_reason_to_exclude(truth):
    candidates = {(c["adult_id"], c["child_id"]): c for c in truth["candidate_pairs"]}
    excluded = {(e["adult_id"], e["child_id"]): e for e in truth["excluded_pairs"]}
    whys = set()
    for pair in truth["planted_pairs"]:
        key = (pair["adult_id"], pair["child_id"])
        if pair["expected"] == "candidate":
            assert candidates[key]["legal_bases"] == pair["legal_bases"], pair
            assert key not in excluded
        else:
            assert excluded[key]["reason_codes"] == [pair["reason"]], pair
            assert key not in candidates
            whys.add(pair["why"])
    assert {"active_notice", "connected_person", "child_16_17_accommodated_s20", "child_16_17_order_ended",
            "adult_under_18", "old_evidence_only", "e_graded_evidence_only"} <= whys
    bases = {tuple(p["legal_bases"]) for p in truth["planted_pairs"] if p["expected"] == "candidate"}
    assert {("s2_caa_1984",), ("s49_ca_1989",), ("s2_caa_1984", "s49_ca_1989")} <= bases


def test_as_of_moves_the_whole_picture(tmp_path):
    out = generate(seed=11, size="small", out=tmp_path, as_of="2025-03-01")
    truth = json.loads((out / "ground_truth.json").read_text(encoding="utf-8"))
    assert truth["as_of"] == "2025-03-01"
    assert max(r["reported_on"] for r in read_records(out)["intel"]) <= "2025-03-01"
    assert truth["planted_pairs"]  # generation checks each planted pair against the rules


def test_default_as_of_is_fixed(truth):
    assert truth["as_of"] == DEFAULT_AS_OF.isoformat() == "2026-10-31"


# --------------------------------------------------------------------------- bad requests

def test_bad_requests_are_refused_with_a_reason(tmp_path):
    with pytest.raises(ScenarioError, match="size must be one of small, medium, large"):
        generate(seed=1, size="huge", out=tmp_path)
    with pytest.raises(ScenarioError, match="not a date"):
        generate(seed=1, size="small", out=tmp_path, as_of="2026-13-01")
    (tmp_path / "exports.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="already holds other intake files"):
        generate(seed=1, size="small", out=tmp_path)


def test_cli_writes_a_scenario(cli, tmp_path):
    done = cli("scenario", "--seed", "4", "--size", "small", "--out", str(tmp_path / "s"), "--as-of", "2026-01-31")
    assert done.returncode == 0, done.stderr
    truth = json.loads((tmp_path / "s" / "ground_truth.json").read_text(encoding="utf-8"))
    assert (truth["seed"], truth["size"], truth["as_of"]) == (4, "small", "2026-01-31")
    assert f"Wrote {truth['total_records']:,} records" in done.stdout
    assert "person.csv" in done.stdout and "ground_truth.json" in done.stdout


def test_cli_summary_as_json_and_a_refusal_explained(tmp_path):
    from click.testing import CliRunner

    from graph_service.cli import main

    runner = CliRunner()
    done = runner.invoke(main, ["scenario", "--seed", "4", "--size", "small", "--out", str(tmp_path), "--json"])
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert summary["as_of"] == "2026-10-31" and summary["networks"] == 4
    assert summary["total_records"] == sum(summary["files"].values())
    (tmp_path / "other.csv").write_text("x\n", encoding="utf-8")
    refused = runner.invoke(main, ["scenario", "--seed", "4", "--size", "small", "--out", str(tmp_path)])
    assert refused.exit_code == 1
    assert "other.csv" in refused.stderr and "empty folder" in refused.stderr


# --------------------------------------------------------------------------- the real service

@pytest.mark.neo4j
def test_the_real_ingest_takes_every_record_and_the_service_agrees_with_the_answer_key(db, small, truth):
    from graph_service.analysis.candidates import candidate_list
    from ingest import ingest_paths

    report = ingest_paths(db, [small])
    assert report.rejected == 0
    assert {k: report.created[k] for k in truth["record_counts"]} == truth["record_counts"]

    found = candidate_list(db, date.fromisoformat(truth["as_of"]), truth["lookback_days"])
    assert sorted((c.adult_id, c.child_id, tuple(c.legal_bases)) for c in found.candidates) == \
        [(c["adult_id"], c["child_id"], tuple(c["legal_bases"])) for c in truth["candidate_pairs"]]
    assert sorted((e.adult_id, e.child_id) for e in found.excluded) == \
        [(e["adult_id"], e["child_id"]) for e in truth["excluded_pairs"]]
    codes = {(e.adult_id, e.child_id): e.reason_code for e in found.excluded}
    for pair in truth["excluded_pairs"]:
        assert codes[(pair["adult_id"], pair["child_id"])] in pair["reason_codes"]
