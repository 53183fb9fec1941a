"""The benchmarks' loader in parts (the baseline of benchmarks/ingest.py): a scenario ingested
part by part holds every record of the scenario (records that others refer to go first)."""

from __future__ import annotations

from ingest import testbed


def test_a_scenario_loaded_in_small_parts_holds_every_record(db, tmp_path):
    folder, truth = testbed.scenario(tmp_path / "scenario", seed=11, size="small")
    kinds = {path.name for path in folder.iterdir()}
    assert {"phone.csv", "online_account.csv", "contact.jsonl"} <= kinds  # every kind of reference is exercised
    loaded = testbed.load_in_parts(db, folder, tmp_path / "parts", part_records=300)
    assert loaded == truth["total_records"]
    stored = db.read_text("MATCH (p:Phone) RETURN count(p) AS phones")[0]["phones"]
    assert stored == sum(1 for _ in (folder / "phone.csv").open()) - 1  # the header line
