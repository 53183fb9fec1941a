"""``graph-service ingest`` and ``graph-service people duplicates`` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

from ingest_files import BASE, snapshot, write_csv, write_jsonl


def test_ingest_prints_a_summary_and_exits_zero(db, cli, tmp_path):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    done = cli("ingest", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert re.search(r"\| person\s+\| 3\s+\| 0\s+\| 0\s+\|", done.stdout)
    assert f"{len(BASE)} records read from 1 file" in done.stdout and "0 rejected" in done.stdout
    again = cli("ingest", str(tmp_path / "base.jsonl"), "--json")
    assert again.returncode == 0
    summary = json.loads(again.stdout)
    assert summary["types"]["person"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert summary["written"] is True and summary["rejected"] == 0


def test_rejected_ingest_exits_non_zero_names_the_problems_and_writes_nothing(db, cli, tmp_path):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    write_csv(tmp_path / "person.csv", ["person_id", "dob"], [["P9", "2010-13-01"]])
    done = cli("ingest", str(tmp_path))
    assert done.returncode == 1
    assert f"{tmp_path / 'person.csv'}:2: dob: '2010-13-01' is not a date (YYYY-MM-DD)" in done.stderr
    assert "1 record rejected; nothing was written" in done.stderr
    assert snapshot(db) == ([], [])


def test_load_valid_needs_a_rejects_file(db, cli, tmp_path):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    done = cli("ingest", str(tmp_path), "--load-valid")
    assert done.returncode == 2 and "--load-valid needs --rejects FILE" in done.stderr
    assert snapshot(db) == ([], [])


def test_load_valid_loads_the_rest_writes_the_rejects_and_still_exits_non_zero(db, cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "base.jsonl", BASE + [{"type": "person", "person_id": "P9", "gender": 3}])
    rejects = tmp_path / "rejects.txt"
    done = cli("ingest", str(folder), "--load-valid", "--rejects", str(rejects))
    assert done.returncode == 1
    assert "1 record rejected (the valid ones were loaded)" in done.stderr
    assert rejects.read_text() == f"{folder / 'base.jsonl'}:{len(BASE) + 1}: gender: must be text (a string), not a number\n"
    assert db.read_text("MATCH (p:Person) RETURN count(p) AS n") == [{"n": 3}]


def visible(db) -> tuple[list[dict], list[dict]]:
    """The snapshot as the service's readers see it: they match nodes by label, so neither a
    node an ingest has staged (labelled only Staged) nor a relationship that reaches one."""
    nodes, relationships = snapshot(db)
    shown = [n for n in nodes if set(n["labels"]) - {"Staged"} and "Ingest" not in n["labels"]]
    ids = {n["id"] for n in shown}
    return shown, [r for r in relationships if r["start"] in ids and r["end"] in ids]


def staged_nodes(db) -> int:
    return db.read_text("MATCH (n:Staged) RETURN count(n) AS n")[0]["n"]


def ingest_killed_at(db, tmp_path, stage: bytes) -> tuple:
    """Ingest BASE, then start a large ingest of new people (who know the stored ones) and
    kill it once its progress output matches ``stage``; the snapshot from before it."""
    write_jsonl(tmp_path / "base.jsonl", BASE)
    subprocess.run([sys.executable, "-m", "graph_service.cli", "ingest", str(tmp_path / "base.jsonl")],
                   check=True, capture_output=True)
    before = snapshot(db)
    big = tmp_path / "big.jsonl"
    with open(big, "w") as out:
        for n in range(150_000):
            out.write(json.dumps({"type": "person", "person_id": f"X{n}", "surname": "Many"}) + "\n")
        for n in range(0, 150_000, 10):  # ties to stored people: relationships from staged to stored nodes
            out.write(json.dumps({"type": "family", "person_id": f"X{n}", "relative_id": "P1",
                                  "relation": "parent"}) + "\n")
    process = subprocess.Popen([sys.executable, "-m", "graph_service.cli", "ingest", str(big)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    os.set_blocking(process.stderr.fileno(), False)
    seen, deadline = b"", time.monotonic() + 600
    while not re.search(stage, seen):
        assert process.poll() is None, f"ingest ended before it could be killed: {seen.decode()[-500:]}"
        assert time.monotonic() < deadline, f"ingest never reached {stage!r}"
        seen += process.stderr.read() or b""
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return before


def test_an_ingest_killed_while_staging_shows_readers_nothing_and_is_removed_by_the_next(db, cli, tmp_path):
    # Killed once the progress bar shows batches written (each batch commits on its own).
    before = ingest_killed_at(db, tmp_path, rb"writing:\s+\d+%\|[^|]*\| [1-9]\d*/")
    assert staged_nodes(db) > 0, "the kill was meant to land after some batches were staged"
    assert visible(db) == before
    assert db.read_text("MATCH (p:Person {surname: 'Many'}) RETURN count(p) AS n") == [{"n": 0}]
    # The next ingest removes what the killed one staged before it writes anything.
    assert cli("ingest", str(tmp_path / "base.jsonl")).returncode == 0
    assert snapshot(db) == before


def test_an_ingest_killed_while_publishing_shows_readers_nothing_and_is_removed_by_the_next(db, cli, tmp_path):
    before = ingest_killed_at(db, tmp_path, rb"publishing")
    # Every new person was staged and the publishing transaction was open: it never committed.
    assert staged_nodes(db) == 150_000
    assert visible(db) == before
    assert cli("ingest", str(tmp_path / "base.jsonl")).returncode == 0
    assert snapshot(db) == before


def test_a_large_ingest_is_published_whole(db, cli, tmp_path):
    write_jsonl(tmp_path / "base.jsonl", BASE)
    assert cli("ingest", str(tmp_path / "base.jsonl")).returncode == 0
    people = [{"type": "person", "person_id": f"X{n}", "surname": "Many"} for n in range(25_000)]
    ties = [{"type": "family", "person_id": f"X{n}", "relative_id": "P1", "relation": "parent"}
            for n in range(0, 25_000, 5)]
    write_jsonl(tmp_path / "big.jsonl", people + ties)
    done = cli("ingest", str(tmp_path / "big.jsonl"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["types"]["person"]["created"] == 25_000
    assert staged_nodes(db) == 0 and db.read_text("MATCH (i:Ingest) RETURN count(i) AS n") == [{"n": 0}]
    assert db.read_text("MATCH (p:Person {surname: 'Many'}) RETURN count(p) AS n") == [{"n": 25_000}]
    assert db.read_text("MATCH (:Person {surname: 'Many'})-[r:HAS_RELATIVE]->(:Person {person_id: 'P1'}) "
                        "RETURN count(r) AS n") == [{"n": 5_000}]


def test_a_published_ingest_that_died_before_its_tidy_keeps_every_record(db, cli, tmp_path):
    """The publish only adds each node's label; the staging marks come off after the commit. A
    process that dies in between leaves published nodes still marked Staged: readers see them
    (they match by label), and the next ingest takes the marks off and removes nothing."""
    write_jsonl(tmp_path / "base.jsonl", BASE)
    assert cli("ingest", str(tmp_path / "base.jsonl")).returncode == 0
    db.write_text("MATCH (p:Person) SET p:Staged, p.staged_as = 'Person'")  # as a death before the tidy leaves them
    assert db.read_text("MATCH (p:Person) RETURN count(p) AS n") == [{"n": 3}]  # readers see them
    write_jsonl(tmp_path / "more.jsonl", [{"type": "person", "person_id": "P9", "surname": "Next"}])
    assert cli("ingest", str(tmp_path / "more.jsonl")).returncode == 0
    assert staged_nodes(db) == 0
    assert db.read_text("MATCH (p:Person) WHERE p.staged_as IS NULL RETURN count(p) AS n") == [{"n": 4}]


def test_people_duplicates_lists_pairs_with_reasons_and_merges_nothing(db, cli, tmp_path):
    write_jsonl(tmp_path / "people.jsonl", [
        {"type": "person", "person_id": "P1", "forename": "Zoë", "surname": "O'Hara", "dob": "2010-04-01"},
        {"type": "person", "person_id": "P2", "forename": "zoe", "surname": "OHARA", "dob": "2010-04-01"},
        {"type": "person", "person_id": "P3", "forename": "Jay", "surname": "Khan", "aliases": ["Jamal Ross"]},
        {"type": "person", "person_id": "P4", "forename": "Jamal", "surname": "Ross", "dob": "1995-01-01"},
        {"type": "person", "person_id": "P5", "forename": "Zoe", "surname": "OHara", "dob": "2011-04-01"},
    ])
    assert cli("ingest", str(tmp_path)).returncode == 0
    done = cli("people", "duplicates", "--json")
    assert done.returncode == 0, done.stderr
    pairs = {(p["person_a"], p["person_b"]): p["reasons"] for p in json.loads(done.stdout)}
    assert pairs == {("P1", "P2"): ["same_name_and_dob"], ("P3", "P4"): ["alias_match"]}
    table = cli("people", "duplicates")
    assert "same name and date of birth" in table.stdout and "Nothing was merged" in table.stdout
    assert db.read_text("MATCH (p:Person) RETURN count(p) AS n") == [{"n": 5}]
