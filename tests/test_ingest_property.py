"""Property: any batch with a rejected record leaves the store exactly as it was.

Hypothesis builds a batch of valid records (new people, updates of stored ones, links,
sightings), spreads it over JSON Lines and CSV files, and spoils it with one bad record of
some kind at some place. The ingest must be refused and a full dump of the store (every node,
relationship and property) must be unchanged. The same batch without the bad record must
then load, so the refusal was the bad record's doing and not the batch's.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_files import BASE, snapshot, write_csv, write_jsonl

from ingest import IngestRejected, ingest_paths

STORED_PEOPLE = ["P1", "P2", "P3"]
NEW_PEOPLE = [f"N{i}" for i in range(8)]
names = st.text(alphabet=st.characters(categories=("L", "Zs", "Pd")), min_size=1, max_size=12)
dates = st.dates().map(lambda d: d.isoformat())


@st.composite
def valid_batches(draw) -> list[dict]:
    new = draw(st.lists(st.sampled_from(NEW_PEOPLE), unique=True, max_size=4))
    people = [{"type": "person", "person_id": pid, "surname": draw(names), "dob": draw(dates)} for pid in new]
    updates = [{"type": "person", "person_id": pid, "forename": draw(names)}
               for pid in draw(st.lists(st.sampled_from(STORED_PEOPLE), unique=True, max_size=2))]
    everyone = STORED_PEOPLE + new
    links = []
    for number in range(draw(st.integers(0, 4))):
        subject, obj = draw(st.lists(st.sampled_from(everyone), min_size=2, max_size=2, unique=True))
        links.append({"type": "link", "link_id": f"K{draw(st.integers(0, 30))}-{number}",
                      "intel_id": draw(st.sampled_from([None, "I1", "I2"])), "subject_type": "person",
                      "subject_id": subject, "relation": "associates_with", "object_type": "person", "object_id": obj})
    sightings = [{"type": "sighting", "sighting_id": f"S{draw(st.integers(0, 30))}-{n}",
                  "observed_at": f"{draw(dates)}T12:00:00Z", "location_id": draw(st.sampled_from(["L1", "L2"])),
                  "source": draw(st.sampled_from(["anpr", "officer", "partner", "cctv"])),
                  "person_ids": draw(st.lists(st.sampled_from(everyone), min_size=1, max_size=3, unique=True))}
                 for n in range(draw(st.integers(0, 3)))]
    batch = people + updates + links + sightings
    return [{k: v for k, v in record.items() if v is not None} for record in batch]


#: One bad record of each kind the contract rejects, as (file name, content) or a JSON record.
BAD_RECORDS = [
    ("record", {"type": "person", "person_id": "B1", "dob": "2010-13-01"}),
    ("record", {"type": "persn", "person_id": "B1"}),
    ("record", {"type": "location", "location_id": "B1", "category": "moon", "lat": 1, "lon": 1}),
    ("record", {"type": "location", "location_id": "B1", "category": "park", "lat": 91, "lon": 1}),
    ("record", {"type": "location", "location_id": "B1", "category": "park", "lon": 1}),
    ("record", {"type": "intel", "intel_id": "B1", "reported_on": "2025-01-01", "source_evaluation": "1",
                "intelligence_assessment": "A", "handling_code": "C"}),
    ("record", {"type": "link", "link_id": "B1", "subject_type": "person", "subject_id": "P1",
                "relation": "associates_with", "object_type": "person", "object_id": "NOBODY"}),
    ("conflict", {"type": "person", "person_id": "P2", "forename": "Conflicting"}),
    ("line", '{"type": "person", "person_id": "B1"'),
    ("file", ("person.csv", "person_id,surnmae\nB1,Lee\n".encode())),
    ("file", ("person.csv", "person_id,forename\nB1,Zoë\n".encode("latin-1"))),
    ("file", ("vehicles.csv", b"vrm\nAB1\n")),
]


@pytest.fixture
def stored(db, tmp_path):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    ingest_paths(db, [tmp_path / "base.jsonl"])
    return db


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=valid_batches(), bad=st.sampled_from(BAD_RECORDS), position=st.floats(0, 1),
       split=st.floats(0, 1), as_csv=st.booleans())
def test_a_batch_with_a_rejected_record_leaves_the_store_exactly_as_it_was(stored, batch, bad, position, split, as_csv):
    db = stored
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        spoiled = folder / "spoiled"
        spoiled.mkdir()
        lines = [json.dumps(record) for record in batch]
        kind, content = bad
        if kind == "record":
            lines.insert(int(position * len(lines)), json.dumps(content))
        elif kind == "conflict":  # the same ID twice with different values
            lines.insert(int(position * len(lines)), json.dumps(content))
            lines.append(json.dumps({**content, "forename": "Other"}))
        elif kind == "line":
            lines.insert(int(position * len(lines)), content)
        else:
            name, data = content
            (spoiled / name).write_bytes(data)
        cut = int(split * len(lines))
        (spoiled / "a.jsonl").write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
        (spoiled / "b.jsonl").write_text("\n".join(lines[cut:]) + "\n", encoding="utf-8")

        before = snapshot(db)
        with pytest.raises(IngestRejected):
            ingest_paths(db, [spoiled])
        assert snapshot(db) == before

        clean = folder / "clean"
        clean.mkdir()
        people = [r for r in batch if r["type"] == "person"]
        others = [r for r in batch if r["type"] != "person"]
        if as_csv and people:
            # Updates and new people are different columns: one CSV file per shape.
            write_csv(clean / "person.csv", ["person_id", "forename", "surname", "dob"],
                      [[r["person_id"], r.get("forename", ""), r.get("surname", ""), r.get("dob", "")] for r in people])
            write_jsonl(clean / "rest.jsonl", others)
        else:
            write_jsonl(clean / "all.jsonl", batch)
        report = ingest_paths(db, [clean])
        assert report.rejected == 0 and report.read == len(batch)
