"""The vocabulary and the intake-format page exporting systems write to say the same thing.

The page is read as a user reads it: the record-type table (fields, ``*`` for required, the
values written in brackets) and the "Enumerations" list. A value added to the code and not
to the page, or the other way round, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_service import grading, vocabulary
from ingest.records import COMMON_FIELDS, RECORD_TYPES

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "intake-format.md").read_text(encoding="utf-8")


def _table() -> dict[str, str]:
    """The record-type table: type -> its fields cell."""
    section = PAGE.split("## Record types", 1)[1].split("Enumerations:", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", section, flags=re.MULTILINE)
    return dict(rows)


def _enumerations() -> dict[str, str]:
    """The "Enumerations:" bullets: the name before the colon -> the text after it."""
    section = PAGE.split("Enumerations:", 1)[1].split("\n\n", 2)[1]
    bullets = re.split(r"^- ", section, flags=re.MULTILINE)[1:]
    return {bullet.split(":", 1)[0].strip(): " ".join(bullet.split(":", 1)[1].split()) for bullet in bullets}


def _names(text: str) -> list[str]:
    return re.findall(r"`(\w+)`", text)


def _field_values(fields_cell: str, field: str) -> list[str]:
    """Values written as ``field``* (`a`/`b`/`c`) in the table."""
    match = re.search(rf"`{field}`\*? \(([^)]*)\)", fields_cell)
    assert match, f"{field} has no values in brackets on the page"
    return _names(match.group(1))


def test_the_table_names_every_record_type_with_its_fields_and_required_ones():
    table = _table()
    assert list(table) == list(RECORD_TYPES)
    for kind, cell in table.items():
        # Each field as written: `name`* or `name`, then perhaps a bracket; a rule may follow a ";".
        fields = re.sub(r"\([^)]*\)", "", cell).split(";", 1)[0]
        written = re.findall(r"(?:^|, )`(\w+)`(\*?)", fields)
        model = RECORD_TYPES[kind]
        assert [name for name, _ in written] + list(COMMON_FIELDS) == list(model.fields()), kind
        assert [name for name, star in written if star] == list(model.required_fields()), kind


def test_the_fields_every_type_takes_are_on_the_page():
    # Written once under the table, not in each row: "Every record type also takes ...".
    line = PAGE.split("Every record type also takes", 1)[1].split("\n\n", 1)[0]
    assert [name for name in COMMON_FIELDS if f"`{name}`" in line] == list(COMMON_FIELDS)


def test_location_categories():
    assert _names(_enumerations()["`location.category`"]) == list(vocabulary.LOCATION_CATEGORIES)


def test_link_entity_types_and_the_pairs_each_relation_joins():
    text = _enumerations()["`link.subject_type` / `object_type`"]
    types, relations = text.split("`relation` and the pairs it joins", 1)
    assert _names(types) == list(vocabulary.ENTITY_TYPES)
    joined: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    waiting: list[str] = []
    # "`a` (person→person), `b`, `c` (person or vehicle→location)": a bracket covers the names before it.
    for name, pair in re.findall(r"`(\w+)`|\(([^)]*)\)", relations):
        if name:
            waiting.append(name)
            continue
        subjects, objects = pair.split(":", 1)[0].split("→")
        for relation in waiting:
            joined[relation] = (tuple(subjects.split(" or ")), tuple(objects.split(" or ")))
        waiting = []
    assert joined == vocabulary.LINK_RELATIONS


def test_care_statuses():
    assert _names(_enumerations()["`care_status.status`"]) == list(vocabulary.CARE_STATUSES)


def test_family_relations_and_the_connected_ones():
    text = _enumerations()["`family.relation`"]
    listed, connected_sentence = text.split(". The first five", 1)
    assert _names(listed) == list(vocabulary.FAMILY_RELATIONS)
    assert "connected" in connected_sentence and "s2" in connected_sentence
    assert set(_names(listed)[:5]) == vocabulary.CONNECTED_RELATIONS


@pytest.mark.parametrize("kind, field, values", [
    ("sighting", "source", vocabulary.SIGHTING_SOURCES),
    ("notice", "basis", vocabulary.NOTICE_BASES),
    ("notice", "status", vocabulary.NOTICE_STATUSES),
    ("intel", "source_evaluation", grading.SOURCE_EVALUATIONS),
    ("intel", "handling_code", grading.HANDLING_CODES),
])
def test_values_written_in_the_table(kind, field, values):
    assert _field_values(_table()[kind], field) == list(values)


def test_intelligence_assessments_are_a_to_e():
    assert "`intelligence_assessment`* (`A`–`E`)" in _table()["intel"]
    assert grading.INTELLIGENCE_ASSESSMENTS == tuple("ABCDE")


def test_legal_lists_are_drawn_from_the_intake_values():
    assert vocabulary.CONNECTED_RELATIONS < set(vocabulary.FAMILY_RELATIONS)
    assert {"foster_carer", "sibling", "other_relative"}.isdisjoint(vocabulary.CONNECTED_RELATIONS)
    assert set(vocabulary.S49_STATUSES) < set(vocabulary.CARE_STATUSES)
    assert "accommodated_s20" not in vocabulary.S49_STATUSES
    assert vocabulary.LOOKED_AFTER_STATUSES == set(vocabulary.CARE_STATUSES) - {"none"}
    assert set(vocabulary.BASIS_NAMES) == set(vocabulary.NOTICE_BASES)


def test_places_are_location_categories_and_a_home_is_never_one():
    assert set(vocabulary.HOTSPOT_PLACE_CATEGORIES) == set(vocabulary.LOCATION_CATEGORIES) - {"home_address"}
    assert vocabulary.PLACES_OF_CONCERN < set(vocabulary.HOTSPOT_PLACE_CATEGORIES)


@pytest.mark.parametrize("kind, field, values", [
    ("cse_concern", "level", vocabulary.CSE_CONCERN_LEVELS),
    ("missing_episode", "missing_from", vocabulary.MISSING_FROM),
])
def test_casework_values_written_in_the_table(kind, field, values):
    assert _field_values(_table()[kind], field) == list(values)


def test_cse_risk_factors():
    assert _names(_enumerations()["`cse_concern.risk_factors`"]) == list(vocabulary.CSE_RISK_FACTORS)
