"""An ingest keeps its valid records packed (ingest.checks.Accepted) so that ten million of them
fit in memory: each must come back exactly as its model validated it, and the batch must stay
small per record (docs/scaling.md, "Memory of one ingest")."""

from __future__ import annotations

import functools
import tracemalloc
from pathlib import Path

import pytest
from test_ingest_in_batches import stored

from ingest import ingest_paths, staging
from ingest.checks import Accepted, Batch
from ingest.readers import RawRecord, intake_files, read_file
from ingest.records import RECORD_TYPES
from ingest.run import read_batch
from ingest.scenario import generate


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    return generate(seed=7, size="small", out=tmp_path_factory.mktemp("scenario") / "small")


def test_every_record_comes_back_as_its_model_validated_it(scenario):
    files, _ = intake_files([scenario])
    kinds = set()
    for path in files:
        for raw in read_file(path):
            record = RECORD_TYPES[raw.type].model_validate(raw.fields)
            back = Accepted.of(record, raw.file, raw.line).record
            assert type(back) is type(record)
            assert back == record and back.__dict__ == record.__dict__
            assert back.key == record.key and list(back.references()) == list(record.references())
            kinds.add(raw.type)
    assert kinds >= {"person", "vehicle", "location", "intel", "link", "missing_episode", "sighting",
                     "family", "care_status", "notice", "cse_concern", "contact", "phone", "online_account"}


def test_a_scenario_staged_in_small_batches_stores_what_large_batches_store(db, scenario, monkeypatch):
    # Each type's batches are made a batch ahead on a thread (ingest.staging._batches); with 97
    # rows a batch every type of the scenario takes that path many times over.
    report = ingest_paths(db, [scenario])
    in_large = stored(db)
    db.apply("db/wipe")
    monkeypatch.setattr(staging, "stage", functools.partial(staging.stage, batch_size=97))
    in_small = ingest_paths(db, [scenario])
    assert in_small.created == report.created and sum(report.created.values()) > 2000
    assert stored(db) == in_large


def test_the_batch_holds_a_few_hundred_bytes_a_record(scenario):
    # A pydantic model takes about 1,600 bytes a record here with its values; ten million
    # records of a region would need 16 GB for the batch alone.
    tracemalloc.start()
    try:
        _, batch = read_batch([scenario])
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(batch) > 2000 and not batch.rejects
    assert held / len(batch) < 800, f"{held / len(batch):.0f} bytes a record"


def test_a_record_written_twice_with_another_value_names_the_field():
    batch = Batch()
    batch.add(RawRecord("a.jsonl", 1, "sighting", {"sighting_id": "S1", "observed_at": "2025-01-01T20:00:00Z",
                                                   "location_id": "L1", "source": "anpr", "person_ids": ["P1"]}))
    batch.add(RawRecord("a.jsonl", 2, "sighting", {"sighting_id": "S1", "observed_at": "2025-01-01T20:00:00Z",
                                                   "location_id": "L1", "source": "anpr", "person_ids": ["P1"]}))
    assert not batch.rejects and len(batch) == 1  # the same record twice is one record
    batch.add(RawRecord("b.jsonl", 7, "sighting", {"sighting_id": "S1", "observed_at": "2025-01-01T21:00:00+01:00",
                                                   "location_id": "L1", "source": "anpr", "person_ids": ["P1"]}))
    # The same instant in another time zone is the same value; a different person list is not.
    assert not batch.rejects
    batch.add(RawRecord("b.jsonl", 8, "sighting", {"sighting_id": "S1", "observed_at": "2025-01-01T20:00:00Z",
                                                   "location_id": "L1", "source": "anpr", "person_ids": ["P2"]}))
    assert [str(r) for r in batch.rejects] == [
        "b.jsonl:8: sighting_id: sighting 'S1' also appears at a.jsonl:1 with a different person_ids: keep one version",
        "a.jsonl:1: sighting_id: sighting 'S1' also appears at b.jsonl:8 with a different person_ids: keep one version",
    ]
