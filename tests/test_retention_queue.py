"""The review queue over a real Neo4j, through the real ingest: review dates given in the intake
or computed by the policy, oldest first, why each is due and whom it names, and retaining a
record with a reason (docs/retention.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from ingest_files import write_jsonl

from graph_service.analysis.retention import policy, queue
from ingest import IngestRejected, ingest_paths

PEOPLE = [{"type": "person", "person_id": "C1", "forename": "Amy", "surname": "Hart"},
          {"type": "person", "person_id": "A1", "forename": "Dan", "surname": "Cole"},
          {"type": "person", "person_id": "A2", "review_date": "2026-01-01"},
          {"type": "location", "location_id": "L1", "name": "Park Hotel", "category": "hotel", "lat": 53.38,
           "lon": -1.47}]
RECORDS = PEOPLE + [
    # graded E: reviewed a year after 2024-01-10
    {"type": "intel", "intel_id": "I-E", "reported_on": "2024-01-10", "source_evaluation": "2",
     "intelligence_assessment": "E", "handling_code": "P"},
    # graded B: six years, so not due in 2026
    {"type": "intel", "intel_id": "I-B", "reported_on": "2024-01-10", "source_evaluation": "1",
     "intelligence_assessment": "B", "handling_code": "P"},
    {"type": "link", "link_id": "K1", "intel_id": "I-E", "subject_type": "person", "subject_id": "A1",
     "relation": "associates_with", "object_type": "person", "object_id": "C1"},
    # an ANPR read: a year; an officer's sighting: three years
    {"type": "sighting", "sighting_id": "S-anpr", "observed_at": "2024-06-01T21:00:00Z", "location_id": "L1",
     "source": "anpr", "person_ids": ["A1"]},
    {"type": "sighting", "sighting_id": "S-officer", "observed_at": "2024-06-01T21:00:00Z", "location_id": "L1",
     "source": "officer", "person_ids": ["A1", "C1"]},
    # a child's missing episode: two years; given a date of its own instead
    {"type": "missing_episode", "episode_id": "E1", "person_id": "C1", "reported_at": "2023-03-01T18:00:00Z",
     "found_with": ["A1"]},
    {"type": "missing_episode", "episode_id": "E2", "person_id": "C1", "reported_at": "2025-03-01T18:00:00Z",
     "review_date": "2025-04-01"},
]


def load(db, tmp_path, records, name="in"):
    folder = tmp_path / name
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", records)
    return ingest_paths(db, [folder])


def test_the_queue_lists_what_is_due_oldest_first_with_why_and_whom(db, tmp_path):
    load(db, tmp_path, RECORDS)
    found = queue.due(db, date(2026, 6, 1))
    listed = [(i["record_type"], i["record_id"], i["review_date"]) for i in found.items]
    assert listed == [
        ("intel", "I-E", "2025-01-10"),
        ("link", "K1", "2025-01-10"),            # its report's grade and date
        ("missing_episode", "E1", "2025-03-01"),
        ("missing_episode", "E2", "2025-04-01"),  # given
        ("sighting", "S-anpr", "2025-06-01"),
        ("person", "A2", "2026-01-01"),           # given; a person has no date of its own
    ]
    assert found.total == 6
    by_id = {i["record_id"]: i for i in found.items}
    assert by_id["I-E"]["why"] == policy.line_for("intel", {"intelligence_assessment": "E"}).reason
    assert by_id["E2"]["why"].startswith("review_date given in the intake")
    assert by_id["S-anpr"]["overdue_days"] == (date(2026, 6, 1) - date(2025, 6, 1)).days
    assert [p["person_id"] for p in by_id["I-E"]["people"]] == ["A1", "C1"]
    assert [(p["person_id"], p["forename"]) for p in by_id["E1"]["people"]] == [("A1", "Dan"), ("C1", "Amy")]
    # paged on the server: the second page of two
    second = queue.due(db, date(2026, 6, 1), page=2, per_page=2)
    assert [i["record_id"] for i in second.items] == ["E1", "E2"] and second.total == 6
    # nothing due before the first date
    assert queue.due(db, date(2025, 1, 9)).total == 0


def test_the_queue_agrees_with_the_policy_function(db, tmp_path):
    """The statement applies the policy passed to it exactly as the pure function does."""
    load(db, tmp_path, RECORDS)
    for item in queue.due(db, date(2030, 1, 1), per_page=200).items:
        found = queue.find(db, item["record_id"], item["record_type"])
        assert found["due"].date.isoformat() == item["review_date"], item


def test_retaining_sets_the_next_review_by_policy_and_keeps_the_decision(db, tmp_path):
    load(db, tmp_path, RECORDS)
    done = queue.retain(db, "I-E", "still linked to an open investigation", "ana", today=date(2026, 6, 1))
    assert done["record_type"] == "intel" and done["next_review"] == "2027-06-01"  # graded E: one year
    assert "I-E" not in [i["record_id"] for i in queue.due(db, date(2026, 6, 1)).items]
    (decision,) = queue.decisions(db, "intel", "I-E")
    assert (decision["reason"], decision["decided_by"], decision["next_review"]) == (
        "still linked to an open investigation", "ana", "2027-06-01")
    later = {i["record_id"]: i for i in queue.due(db, date(2027, 6, 1), per_page=200).items}
    assert later["I-E"]["source"] == "retained"
    # a re-ingest of the record keeps the decision's date
    load(db, tmp_path, RECORDS, name="again")
    assert "I-E" not in [i["record_id"] for i in queue.due(db, date(2026, 6, 1)).items]


def test_retaining_refuses_unknown_ambiguous_and_reasonless(db, tmp_path):
    load(db, tmp_path, RECORDS + [{"type": "location", "location_id": "I-B", "category": "park", "lat": 53.0,
                                   "lon": -1.0}])
    with pytest.raises(queue.UnknownRecord, match="no record 'NOPE' is stored"):
        queue.retain(db, "NOPE", "reason", "ana")
    with pytest.raises(queue.AmbiguousRecord, match="intel, location"):
        queue.retain(db, "I-B", "reason", "ana")
    with pytest.raises(ValueError, match="reason"):
        queue.retain(db, "I-E", "  ", "ana")
    assert queue.retain(db, "I-B", "reason", "ana", record_type="location")["record_type"] == "location"


def test_a_review_date_before_the_records_own_date_is_refused(db, tmp_path):
    bad = PEOPLE + [{"type": "intel", "intel_id": "I1", "reported_on": "2025-01-05", "source_evaluation": "2",
                     "intelligence_assessment": "B", "handling_code": "P", "review_date": "2025-01-04"},
                    {"type": "sighting", "sighting_id": "S1", "observed_at": "2025-03-01T21:00:00Z",
                     "location_id": "L1", "source": "anpr", "person_ids": ["A1"], "review_date": "2025-02-30"}]
    with pytest.raises(IngestRejected) as rejected:
        load(db, tmp_path, bad)
    problems = sorted(str(p) for p in rejected.value.rejects)
    assert problems[0].endswith("a.jsonl:5: review_date: is before reported_on (2025-01-05): "
                                "a record is reviewed on or after its own date")
    assert problems[1].endswith("a.jsonl:6: review_date: '2025-02-30' is not a date (YYYY-MM-DD)")


def test_a_family_record_takes_a_review_date(db, tmp_path):
    load(db, tmp_path, PEOPLE + [{"type": "family", "person_id": "C1", "relative_id": "A1", "relation": "sibling",
                                  "review_date": "2025-05-05"}])
    (item,) = queue.due(db, date(2025, 6, 1)).items
    assert (item["record_type"], item["record_id"], item["review_date"]) == ("family", "C1|A1|sibling", "2025-05-05")
    assert [p["person_id"] for p in item["people"]] == ["A1", "C1"]
    done = queue.retain(db, "C1|A1|sibling", "still the child's sibling", "ana", today=date(2025, 6, 1))
    assert done["next_review"] == "2031-06-01"
    assert queue.due(db, date(2025, 6, 1)).total == 0


def test_the_queue_lists_the_scenarios_planted_reviews(db, tmp_path):
    from ingest.scenario import generate

    folder = generate(seed=7, size="small", out=tmp_path / "scenario")
    truth = json.loads((folder / "ground_truth.json").read_text())
    ingest_paths(db, [folder])
    as_of = date.fromisoformat(truth["as_of"])
    listed, page = {}, 1
    while True:
        found = queue.due(db, as_of, page, 200)
        listed.update({(i["record_type"], i["record_id"]): i for i in found.items})
        if page * 200 >= found.total:
            break
        page += 1
    assert len(listed) == found.total
    for planted in truth["reviews"]["due"]:
        item = listed[(planted["record_type"], planted["record_id"])]
        assert (item["review_date"], item["source"]) == (planted["review_date"], "given")
    for planted in truth["reviews"]["not_due"]:
        assert (planted["record_type"], planted["record_id"]) not in listed
        assert queue.find(db, planted["record_id"], planted["record_type"])["due"].date.isoformat() == \
            planted["review_date"]
    # The policy makes more due than were planted: a year-old ANPR read, for one.
    assert any(key[0] == "sighting" and item["source"] == "policy" for key, item in listed.items())
