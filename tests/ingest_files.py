"""Helpers for ingest tests: intake files in docs/intake-format.md format, and store snapshots."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from ingest import IngestRejected, ingest_paths


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def snapshot(db) -> tuple[list[dict], list[dict]]:
    """Every node and relationship with all properties: equal snapshots, equal stores."""
    return db.read("ingest/snapshot_nodes"), db.read("ingest/snapshot_relationships")


def content(db) -> tuple[list, list]:
    """The store's content without its element IDs (which differ between two loads of the same
    records): nodes as labels and properties, relationships with their ends written that way."""
    nodes, relationships = snapshot(db)
    name = {n["id"]: repr((sorted(n["labels"]), sorted(n["properties"].items()))) for n in nodes}
    return (sorted(name.values()),
            sorted(repr((name[r["start"]], r["type"], name[r["end"]], sorted(r["properties"].items())))
                   for r in relationships))


def one(db, text: str, **params):
    rows = db.read_text(text, params)
    assert len(rows) == 1, rows
    return rows[0]


def rejected(db, tmp_path, files: dict[str, str | bytes]) -> list:
    """Ingest ``files`` (name -> content) and return the rejects; asserts nothing was written."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(IngestRejected) as caught:
        ingest_paths(db, [folder])
    assert snapshot(db) == before, "a rejected ingest changed the store"
    return caught.value.rejects


def only(rejects, file: str, line: int | None, field: str | None):
    found = [r for r in rejects if r.file.endswith(file) and r.line == line and r.field == field]
    assert found, f"no reject for {file}:{line} {field} in {[str(r) for r in rejects]}"
    return found[0]


#: A small valid picture with one record of every type (and two reports of one association).
BASE = [
    {"type": "person", "person_id": "P1", "forename": "Amy", "surname": "Hart", "dob": "2010-04-01",
     "gender": "female", "aliases": ["Ames"]},
    {"type": "person", "person_id": "P2", "forename": "Dan", "surname": "Coe", "dob": "1990-02-03"},
    {"type": "person", "person_id": "P3", "forename": "Lee", "surname": "Fry", "dob": "1988-07-09"},
    {"type": "vehicle", "vrm": "ab12 cde", "make": "Ford", "colour": "silver"},
    {"type": "location", "location_id": "L1", "name": "Kebab Hut", "category": "takeaway",
     "lat": 53.3811, "lon": -1.4701, "postcode": "S1 2AB"},
    {"type": "location", "location_id": "L2", "name": "Park View Hotel", "category": "hotel",
     "lat": 53.39, "lon": -1.46},
    {"type": "intel", "intel_id": "I1", "reported_on": "2025-01-05", "source_evaluation": "2",
     "intelligence_assessment": "B", "handling_code": "P", "summary": "seen together"},
    {"type": "intel", "intel_id": "I2", "reported_on": "2025-02-05", "source_evaluation": 1,
     "intelligence_assessment": "A", "handling_code": "C", "handling_conditions": "police only"},
    {"type": "link", "link_id": "K1", "intel_id": "I1", "subject_type": "person", "subject_id": "P2",
     "relation": "associates_with", "object_type": "person", "object_id": "P1"},
    {"type": "link", "link_id": "K2", "intel_id": "I2", "subject_type": "person", "subject_id": "P2",
     "relation": "associates_with", "object_type": "person", "object_id": "P1",
     "observed_at": "2025-03-01T21:00:00Z"},
    {"type": "link", "link_id": "K3", "subject_type": "person", "subject_id": "P2", "relation": "uses_vehicle",
     "object_type": "vehicle", "object_id": "AB12CDE"},
    {"type": "missing_episode", "episode_id": "E1", "person_id": "P1", "reported_at": "2025-03-01T18:00:00Z",
     "found_at": "2025-03-02T01:00:00Z", "found_location_id": "L1", "found_with": ["P2"],
     "return_interview_on": "2025-03-04"},
    {"type": "sighting", "sighting_id": "S1", "observed_at": "2025-03-01T20:00:00+00:00", "location_id": "L2",
     "source": "anpr", "vrm": "AB12 CDE", "person_ids": ["P2", "P1"]},
    {"type": "care_status", "person_id": "P1", "status": "care_order", "start_on": "2024-06-01"},
    {"type": "family", "person_id": "P1", "relative_id": "P3", "relation": "parent"},
    {"type": "notice", "notice_id": "N1", "adult_id": "P2", "child_id": "P1", "basis": "s49_ca_1989",
     "issued_on": "2025-04-01", "status": "active"},
    {"type": "permission_statement", "statement_id": "PS1", "child_id": "P1", "adult_id": "P2",
     "made_by_id": "P3", "made_on": "2025-03-20"},
]
