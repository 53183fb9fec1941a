"""Text that looks the same must be stored the same, and text that hides what it says is refused.

IDs, registrations and names are NFKC-normalised (full-width ``ＡＢ１２`` is ``AB12``);
zero-width characters, bidirectional controls and control characters (NUL included) are
refused with file:line, field and reason, in every text field of every record type; IDs have
at most 64 characters. In a registration a zero-width character counts as a space, which the
format already says to remove.
"""

from __future__ import annotations

import json

import pytest
from ingest_files import BASE, one, only, rejected, write_jsonl
from pydantic import ValidationError

from ingest import ingest_paths
from ingest.records import RECORD_TYPES

#: One valid record of every type with every field filled, so that every field is tried below.
FULL = {
    "person": {"person_id": "P1", "forename": "Amy", "surname": "Hart", "dob": "2010-04-01", "gender": "female",
               "ethnicity": "White British", "aliases": ["Ames"]},
    "vehicle": {"vrm": "AB12CDE", "make": "Ford", "model": "Focus", "colour": "silver"},
    "location": {"location_id": "L1", "name": "Kebab Hut", "category": "takeaway", "lat": 53.38, "lon": -1.47,
                 "address": "1 High Street", "postcode": "S1 2AB"},
    "phone": {"number": "07700 900123"},
    "online_account": {"platform": "snapchat", "handle": "@amy_x", "display_name": "Amy"},
    "intel": {"intel_id": "I1", "reported_on": "2025-01-05", "source_evaluation": "2",
              "intelligence_assessment": "B", "handling_code": "C", "handling_conditions": "police only",
              "summary": "seen together", "review_on": "2026-01-05"},
    "link": {"link_id": "K1", "intel_id": "I1", "subject_type": "person", "subject_id": "P2",
             "relation": "associates_with", "object_type": "person", "object_id": "P1",
             "observed_at": "2025-01-04T21:30:00Z"},
    "missing_episode": {"episode_id": "E1", "person_id": "P1", "reported_at": "2025-03-01T18:00:00Z",
                        "found_at": "2025-03-02T01:00:00Z", "found_location_id": "L1", "found_with": ["P2"],
                        "return_interview_on": "2025-03-04", "missing_from": "school", "duration_hours": 2.5},
    "sighting": {"sighting_id": "S1", "observed_at": "2025-03-01T20:00:00Z", "location_id": "L1",
                 "source": "anpr", "vrm": "AB12CDE", "person_ids": ["P2"]},
    "care_status": {"person_id": "P1", "status": "care_order", "start_on": "2024-06-01", "end_on": "2025-06-01"},
    "family": {"person_id": "P1", "relative_id": "P3", "relation": "parent"},
    "notice": {"notice_id": "N1", "adult_id": "P2", "child_id": "P1", "basis": "s49_ca_1989",
               "issued_on": "2025-04-01", "status": "withdrawn", "ended_on": "2025-06-01"},
    "permission_statement": {"statement_id": "PS1", "child_id": "P1", "adult_id": "P2", "made_by_id": "P3",
                             "made_on": "2025-03-20"},
    "cse_concern": {"concern_id": "C1", "person_id": "P1", "level": "2", "assessed_on": "2025-02-01",
                    "assessed_by": "DS Kaur", "risk_factors": ["school_absence"], "review_on": "2025-05-01"},
    "contact": {"contact_id": "C1", "intel_id": "I1", "from_type": "phone", "from_id": "07700 900123",
                "to_type": "online_account", "to_id": "snapchat:amy_x", "contacted_on": "2025-01-03",
                "means": "message", "known_from": "device_examination"},
}
for _record in FULL.values():  # every type takes a review date (docs/retention.md)
    _record["review_date"] = "2027-01-01"
FREE_TEXT = {("intel", "summary"), ("intel", "handling_conditions"), ("location", "address")}


def _spoilt(value, bad: str):
    """``value`` with ``bad`` inside it (in the first item of a list)."""
    if isinstance(value, list):
        return [_spoilt(value[0], bad)] + value[1:]
    text = str(value)
    return text[:1] + bad + text[1:]


def _every_field():
    for kind, fields in FULL.items():
        for field in fields:
            if not isinstance(fields[field], float):
                yield kind, field


def test_the_full_records_are_valid():
    assert set(FULL) == set(RECORD_TYPES)
    for kind, fields in FULL.items():
        assert set(fields) == set(RECORD_TYPES[kind].fields()), kind
        RECORD_TYPES[kind].model_validate(fields)


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\u200e", "\u061c",
                                 "\u200b", "\ufeff"])
def test_every_text_field_of_every_record_type_refuses_hidden_characters(bad):
    for kind, field in _every_field():
        if bad in "\u200b\ufeff" and (kind, field) in {("vehicle", "vrm"), ("sighting", "vrm")}:
            continue  # a zero-width character in a registration is a space (below)
        fields = {**FULL[kind], field: _spoilt(FULL[kind][field], bad)}
        with pytest.raises(ValidationError) as caught:
            RECORD_TYPES[kind].model_validate(fields)
        assert {error["loc"][0] for error in caught.value.errors()} == {field}, (kind, field, repr(bad))


def test_line_breaks_and_tabs_are_free_text_only():
    for kind, field in _every_field():
        fields = {**FULL[kind], field: _spoilt(FULL[kind][field], "\n\t")}
        if (kind, field) in FREE_TEXT:
            assert getattr(RECORD_TYPES[kind].model_validate(fields), field) == fields[field]
        else:
            with pytest.raises(ValidationError):
                RECORD_TYPES[kind].model_validate(fields)


@pytest.mark.parametrize("bad, named", [
    ("\x00", "a control character (U+0000)"),
    ("\x1b", "a control character (U+001B)"),
    ("\u202e", "a bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ("\u2067", "a bidirectional control (U+2067 RIGHT-TO-LEFT ISOLATE)"),
    ("\u200f", "a bidirectional control (U+200F RIGHT-TO-LEFT MARK)"),
    ("\u061c", "a bidirectional control (U+061C ARABIC LETTER MARK)"),
    ("\u200b", "a zero-width character (U+200B ZERO WIDTH SPACE)"),
])
def test_nul_control_and_bidi_characters_are_refused_with_file_line_and_field(base_store, tmp_path, bad, named):
    rejects = rejected(base_store, tmp_path, {
        "a.jsonl": json.dumps({"type": "person", "person_id": "P9", "surname": f"Ha{bad}rt"}) + "\n",
        "person.csv": f"person_id,forename\nP8,Ann\nP7,A{bad}nn\n",
    })
    jsonl, csv = only(rejects, "a.jsonl", 1, "surname"), only(rejects, "person.csv", 3, "forename")
    assert jsonl.reason.startswith(f"holds {named} at position 3: ")
    assert csv.reason.startswith(f"holds {named} at position 2: ")
    assert len(rejects) == 2


def test_a_control_character_in_an_id_or_a_list_is_refused(base_store, tmp_path):
    rejects = rejected(base_store, tmp_path, {"a.jsonl": "\n".join(json.dumps(r) for r in [
        {"type": "person", "person_id": "P\u00009"},
        {"type": "person", "person_id": "P8", "aliases": ["Jo", "J\u202eo"]},
        {"type": "sighting", "sighting_id": "S9", "observed_at": "2025-01-01T10:00:00Z", "location_id": "L1",
         "source": "cctv", "person_ids": ["P1", "P\u200b2"]},
    ]) + "\n"})
    assert "control character (U+0000)" in only(rejects, "a.jsonl", 1, "person_id").reason
    assert only(rejects, "a.jsonl", 2, "aliases").reason.startswith("item 2 holds a bidirectional control (U+202E")
    assert only(rejects, "a.jsonl", 3, "person_ids").reason.startswith("item 2 holds a zero-width character (U+200B")


def test_an_id_of_65_characters_is_refused(base_store, tmp_path):
    long = "P" * 65
    rejects = rejected(base_store, tmp_path, {"a.jsonl": "\n".join(json.dumps(r) for r in [
        {"type": "person", "person_id": long},
        {"type": "link", "link_id": "K9", "subject_type": "person", "subject_id": "P1", "relation": "associates_with",
         "object_type": "person", "object_id": long},
        {"type": "vehicle", "vrm": "A" * 65},
    ]) + "\n"})
    assert only(rejects, "a.jsonl", 1, "person_id").reason == "is 65 characters long: an ID has at most 64"
    assert only(rejects, "a.jsonl", 2, "object_id").reason == "is 65 characters long: an ID has at most 64"
    assert only(rejects, "a.jsonl", 3, "vrm").reason == "is 65 characters long: a registration has at most 64"


def test_an_id_of_64_characters_is_accepted(db, tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"type": "person", "person_id": "P" * 64}])
    assert ingest_paths(db, [tmp_path]).created["person"] == 1


def test_a_zero_width_or_full_width_registration_is_the_same_vehicle(db, tmp_path):
    write_jsonl(tmp_path / "v.jsonl", [
        {"type": "vehicle", "vrm": "AB12\u200bCDE"},
        {"type": "vehicle", "vrm": "ＡＢ１２ＣＤＥ"},
        {"type": "vehicle", "vrm": "ab12 cde"},
        {"type": "person", "person_id": "P1"},
        BASE[4],
        {"type": "link", "link_id": "K1", "subject_type": "person", "subject_id": "P1", "relation": "travelled_in",
         "object_type": "vehicle", "object_id": "ａｂ１２\u2060ｃｄｅ"},
        {"type": "sighting", "sighting_id": "S1", "observed_at": "2025-01-01T00:00:00Z", "location_id": "L1",
         "source": "anpr", "vrm": "AB12\ufeffCDE"},
    ])
    report = ingest_paths(db, [tmp_path])
    assert report.rejected == 0 and report.created["vehicle"] == 1
    assert one(db, "MATCH (v:Vehicle) RETURN collect(v.vrm) AS v")["v"] == ["AB12CDE"]
    assert one(db, "MATCH (:Person)-[:TRAVELLED_IN]->(v:Vehicle)<-[:OF_VEHICLE]-(:Sighting) RETURN v.vrm AS v")["v"] == "AB12CDE"


def test_ids_and_names_are_stored_nfkc_normalised(db, tmp_path):
    write_jsonl(tmp_path / "p.jsonl", [
        {"type": "person", "person_id": "Ｐ１", "forename": "Ａｍｙ", "surname": "Hart\u00a0Lee", "aliases": ["ﬁfi"]},
        {"type": "person", "person_id": "P2"},
        {"type": "link", "link_id": "K1", "subject_type": "person", "subject_id": "P2", "relation": "associates_with",
         "object_type": "person", "object_id": "P1"},
    ])
    report = ingest_paths(db, [tmp_path])
    assert report.rejected == 0 and report.created["person"] == 2
    assert one(db, "MATCH (p:Person)<-[:ASSOCIATES_WITH]-() RETURN p.person_id AS id, p.forename AS f, "
                   "p.surname AS s, p.aliases AS a") == {"id": "P1", "f": "Amy", "s": "Hart Lee", "a": ["fifi"]}


def test_the_same_id_written_full_width_is_the_same_record(db, tmp_path):
    write_jsonl(tmp_path / "p.jsonl", [{"type": "person", "person_id": "P1", "surname": "Hart"},
                                       {"type": "person", "person_id": "Ｐ1", "surname": "Hart"}])
    assert ingest_paths(db, [tmp_path]).created["person"] == 1


def test_free_text_keeps_its_line_breaks(db, tmp_path):
    write_jsonl(tmp_path / "i.jsonl", [{"type": "intel", **FULL["intel"], "summary": "first line\n\tsecond line"}])
    ingest_paths(db, [tmp_path])
    assert one(db, "MATCH (i:Intel) RETURN i.summary AS s")["s"] == "first line\n\tsecond line"


@pytest.fixture
def base_store(db, tmp_path):
    folder = tmp_path / "base"
    folder.mkdir()
    write_jsonl(folder / "base.jsonl", BASE)
    ingest_paths(db, [folder])
    return db
