"""``graph-service review`` against a real Neo4j: the queue as a table and as JSON, retaining with
a reason, deleting a person and a report, clear errors, and an audit entry (IDs only) for each."""

from __future__ import annotations

import json

from ingest_files import write_jsonl
from test_retention_queue import RECORDS

from graph_service.security.audit import AuditLog
from ingest import ingest_paths


def loaded(db, tmp_path):
    write_jsonl(tmp_path / "a.jsonl", RECORDS)
    ingest_paths(db, [tmp_path / "a.jsonl"])


def newest(settings, action):
    return AuditLog.of(settings).newest(1, action=action)[0]


def test_review_list_retain_and_delete(db, tmp_path, cli, settings):
    loaded(db, tmp_path)
    listed = cli("review", "list", "--due-by", "2026-06-01", "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert (data["total"], data["due_by"], data["items"][0]["record_id"]) == (6, "2026-06-01", "I-E")
    assert newest(settings, "review.view").ids[:6] == [i["record_id"] for i in data["items"]]
    table = cli("review", "list", "--due-by", "2026-06-01")
    assert "6 records due for review by 2026-06-01" in table.stdout and "C1 Amy Hart" in table.stdout

    kept = cli("review", "retain", "S-anpr", "--reason", "linked to an open investigation")
    assert kept.returncode == 0 and "sighting S-anpr: retained; next review" in kept.stdout
    entry = newest(settings, "review.retain")
    assert entry.ids == ["S-anpr"] and entry.purpose == "linked to an open investigation"

    gone = cli("review", "delete", "--person", "A1", "--reason", "no longer needed for a policing purpose")
    assert gone.returncode == 0, gone.stderr
    assert "deleted person A1" in gone.stdout and "networks are recomputed" in gone.stdout
    entry = newest(settings, "review.delete_person")
    assert entry.ids[0] == "A1" and "K1" in entry.ids and "S-anpr" in entry.ids
    assert all("Dan" not in text for text in (entry.detail or "", " ".join(entry.ids)))

    report = cli("review", "delete", "--intel", "I-B", "--reason", "graded intelligence past its purpose")
    assert report.returncode == 0 and "deleted intelligence report I-B" in report.stdout
    assert newest(settings, "review.delete_intel").ids == ["I-B"]


def test_review_refuses_unknown_ids_and_bad_usage(db, tmp_path, cli, settings):
    loaded(db, tmp_path)
    entries = len(list(AuditLog.of(settings).entries()))
    unknown = cli("review", "delete", "--person", "NOPE", "--reason", "x")
    assert unknown.returncode == 1 and "no person 'NOPE' is stored: nothing was deleted" in unknown.stderr
    assert len(list(AuditLog.of(settings).entries())) == entries  # nothing deleted, nothing to record
    both = cli("review", "delete", "--person", "A1", "--intel", "I-B", "--reason", "x")
    assert both.returncode == 2 and "give one of --person ID or --intel ID" in both.stderr
    missing = cli("review", "retain", "NOPE", "--reason", "x")
    assert missing.returncode == 1 and "no record 'NOPE' is stored" in missing.stderr
    bad_date = cli("review", "list", "--due-by", "2026-02-30")
    assert bad_date.returncode == 2 and "--due-by" in bad_date.stderr
