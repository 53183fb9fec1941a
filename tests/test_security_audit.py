"""The audit log: append-only, hash-chained, and `audit verify` notices any tampering."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading

import pytest

from graph_service.security.audit import GENESIS, AuditLog, AuditLogBroken, _identity, _mac, entry_hash


def _lines(log: AuditLog) -> list[str]:
    return log.path.read_text(encoding="utf-8").splitlines(keepends=True)


def _write(log: AuditLog, lines: list[str]) -> None:
    log.path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture
def log(tmp_path):
    log = AuditLog(tmp_path)
    for number in range(1, 6):
        log.append(f"user{number}", "person.view", [f"P{number:04d}"], f"purpose {number}")
    return log


def test_entries_hold_who_what_when_why_and_chain(log):
    entries = list(log.entries())
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    first = entries[0]
    assert (first.user, first.action, first.ids, first.purpose) == ("user1", "person.view", ["P0001"], "purpose 1")
    assert first.time.endswith("+00:00")
    assert first.prev == GENESIS
    assert all(later.prev == earlier.hash for earlier, later in zip(entries, entries[1:], strict=False))
    assert log.verify().ok and log.verify().entries == 5


def test_missing_purpose_is_written_as_not_stated(tmp_path):
    entry = AuditLog(tmp_path).append("a", "search", [], purpose="   ")
    assert entry.purpose == "not stated"


def test_altered_entry_is_found(log):
    lines = _lines(log)
    data = json.loads(lines[2])
    data["user"] = "someone.else"
    lines[2] = json.dumps(data) + "\n"
    _write(log, lines)
    result = log.verify()
    assert not result.ok
    assert any("line 3" in p and "altered" in p for p in result.problems)


def test_altered_entry_with_recomputed_hash_breaks_the_chain(log):
    lines = _lines(log)
    data = json.loads(lines[1])
    data["ids"] = ["P9999"]
    data["hash"] = entry_hash(data)
    lines[1] = json.dumps(data) + "\n"
    _write(log, lines)
    result = log.verify()
    assert not result.ok
    assert any("line 3" in p and "does not follow" in p for p in result.problems)


def test_removed_entry_in_the_middle_is_found(log):
    lines = _lines(log)
    del lines[2]
    _write(log, lines)
    assert not log.verify().ok


def test_removed_last_entry_is_found(log):
    _write(log, _lines(log)[:-1])
    result = log.verify()
    assert not result.ok
    assert any("head records entry 5" in p for p in result.problems)


def test_emptied_log_is_found(log):
    _write(log, [])
    assert not log.verify().ok


def test_reordered_entries_are_found(log):
    lines = _lines(log)
    lines[1], lines[3] = lines[3], lines[1]
    _write(log, lines)
    result = log.verify()
    assert not result.ok
    assert any("reordered" in p for p in result.problems)


def test_appending_to_a_tampered_log_is_refused(log):
    lines = _lines(log)
    del lines[0]
    _write(log, lines)
    with pytest.raises(AuditLogBroken):
        log.append("x", "person.view", ["P1"], "p")


def test_a_head_left_behind_by_a_crash_is_accepted_if_the_log_holds_it(log):
    head = log.head_path.read_text()
    for _ in range(3):
        log.append("u", "search", [], "p")
    log.head_path.write_text(head)  # the head's last three updates never reached the disk
    assert log.verify().ok
    log.append("u", "search", [], "p")
    assert log.verify().ok and log.verify().entries == 9


def test_a_head_naming_an_entry_the_log_does_not_hold_is_found(log):
    data = json.loads(log.head_path.read_text())
    data["hash"] = "f" * 64
    log.head_path.write_text(json.dumps(data))
    assert not log.verify().ok


def test_an_entry_written_without_its_head_is_recovered(log):
    """A crash between the entry and the head update must not lock the service out."""
    head = log.head_path.read_text()
    log.append("u", "search", [], "p")
    log.head_path.write_text(head)
    assert log.verify().ok
    log.append("u", "search", [], "p")
    assert log.verify().ok and log.verify().entries == 7


def test_concurrent_threads_keep_one_chain(tmp_path):
    log = AuditLog(tmp_path)
    returned = []

    def work(n):
        for i in range(40):
            returned.append(AuditLog(tmp_path).append(f"t{n}", "search", [str(i)], "load"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = log.verify()
    assert result.ok, result.problems
    assert result.entries == 240
    # Entries written together for many callers (group commit): each caller got back the
    # very entry the log holds for it, and each thread's own entries are in its order.
    assert sorted(returned, key=lambda e: e.seq) == list(log.entries())
    for n in range(6):
        assert [e.ids[0] for e in log.entries() if e.user == f"t{n}"] == [str(i) for i in range(40)]


def test_every_waiting_caller_is_refused_when_the_log_is_broken(tmp_path):
    log = AuditLog(tmp_path)
    for i in range(3):
        log.append("u", "search", [str(i)], "p")
    log.path.write_text(log.path.read_text().replace('"search"', '"nothing"', 1))
    with log.path.open("a") as file:  # the log's size now differs from its head's record
        file.write("\n")
    problems = []

    def work():
        try:
            AuditLog(tmp_path).append("v", "person.view", ["P1"], "p")
        except AuditLogBroken as problem:
            problems.append(problem)

    threads = [threading.Thread(target=work) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(problems) == 5
    assert "person.view" not in log.path.read_text()


def _append_many(folder, n):
    log = AuditLog(folder)
    for i in range(n):
        log.append("proc", "search", [str(i)], "load")


def test_concurrent_processes_keep_one_chain(tmp_path):
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_append_many, args=(tmp_path, 30)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert all(p.exitcode == 0 for p in procs)
    result = AuditLog(tmp_path).verify()
    assert result.ok, result.problems
    assert result.entries == 90


def test_audit_cli_lists_and_verifies_and_fails_on_tampering(cli, tmp_path):
    env = {"GRAPH_SERVICE_HOME": str(tmp_path)}
    log = AuditLog(tmp_path / "security")
    log.append("a.analyst", "person.view", ["P0001"], "case review")
    log.append("a.analyst", "search", ["P0001", "P0002"], "case review", detail="query 'smith'")

    listed = cli("audit", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [r["action"] for r in rows] == ["person.view", "search"]
    assert rows[1]["ids"] == ["P0001", "P0002"] and rows[1]["purpose"] == "case review"

    ok = cli("audit", "verify", env=env)
    assert ok.returncode == 0, ok.stderr
    head = log.verify().head_hash
    assert head in ok.stdout

    lines = _lines(log)
    data = json.loads(lines[0])
    data["ids"] = ["P0003"]
    lines[0] = json.dumps(data) + "\n"
    _write(log, lines)
    broken = cli("audit", "verify", env=env)
    assert broken.returncode == 1
    assert "line 1" in broken.stderr and "altered" in broken.stderr


def test_checkpoint_catches_a_fully_rewritten_log(cli, tmp_path):
    """Someone with the audit key can rewrite every entry and reseal the head; an earlier head
    hash kept elsewhere still catches it."""
    env = {"GRAPH_SERVICE_HOME": str(tmp_path)}
    log = AuditLog(tmp_path / "security")
    for i in range(3):
        log.append("a", "person.view", [f"P{i}"], "p")
    checkpoint = log.verify().head_hash

    forged, prev = [], GENESIS
    for entry in log.entries():
        data = entry.as_dict()
        data["user"] = "nobody"
        data["prev"] = prev
        data["hash"] = prev = entry_hash(data)
        data["mac"] = _mac(log._key, "entry", data["hash"])
        forged.append(json.dumps(data) + "\n")
    _write(log, forged)
    log._write_head(3, prev, [0, 0, 0, 0])

    assert cli("audit", "verify", env=env).returncode == 0  # with the key, the seal cannot tell
    caught = cli("audit", "verify", "--checkpoint", checkpoint, env=env)
    assert caught.returncode == 1
    assert "checkpoint" in caught.stderr


# -- the seal: issue #11 ------------------------------------------------------------------------
def test_cutting_entries_and_removing_the_head_is_found(log):
    _write(log, _lines(log)[:-2])
    log.head_path.unlink()
    result = log.verify()
    assert not result.ok
    assert any("no head file" in p for p in result.problems)
    with pytest.raises(AuditLogBroken):
        log.append("x", "person.view", ["P1"], "p")


def test_cutting_entries_and_recomputing_the_head_is_found(log):
    _write(log, _lines(log)[:-2])
    left = list(log.entries())
    # The head as anyone without the key could write it: newest entry, its hash, the file.
    forged = {"seq": left[-1].seq, "hash": left[-1].hash, "size": log.path.stat().st_size,
              "file": _identity(log.path.stat())}
    forged["mac"] = hashlib.sha256(json.dumps(forged).encode()).hexdigest()
    log.head_path.write_text(json.dumps(forged))
    result = log.verify()
    assert not result.ok
    assert any("not sealed" in p for p in result.problems)
    with pytest.raises(AuditLogBroken):
        log.append("x", "person.view", ["P1"], "p")


def test_a_same_length_edit_is_refused_before_the_next_append(log):
    text = log.path.read_text()
    edited = text.replace('"P0002"', '"P0009"')
    assert len(edited) == len(text) and edited != text
    log.path.write_text(edited)
    with pytest.raises(AuditLogBroken):
        log.append("x", "person.view", ["P1"], "p")
    assert "P0002" not in log.path.read_text() and log.path.read_text().count("\n") == 5


def test_an_edit_of_the_last_entry_is_refused_before_the_next_append(log):
    lines = _lines(log)
    lines[-1] = lines[-1].replace('"P0005"', '"P0006"')
    _write(log, lines)
    with pytest.raises(AuditLogBroken):
        log.append("x", "person.view", ["P1"], "p")


def test_entries_added_after_the_head_without_the_key_are_found(log):
    last = list(log.entries())[-1]
    fields = {"seq": 6, "time": last.time, "user": "mallory", "action": "login", "ids": [], "purpose": "p",
              "detail": None, "prev": last.hash}
    fields["hash"] = entry_hash(fields)
    with log.path.open("a") as file:
        file.write(json.dumps(fields) + "\n")
    result = log.verify()
    assert not result.ok
    assert any("without a seal" in p for p in result.problems)


def test_a_malformed_line_or_head_is_a_problem_not_a_crash(log):
    with log.path.open("a") as file:
        file.write("{not json\n")
    assert len(list(log.entries())) == 5 and len(log.newest(10)) == 5
    log.head_path.write_text("garbage")
    result = log.verify()
    assert not result.ok
    assert any("not a JSON entry" in p for p in result.problems)
    assert any("not a head file" in p for p in result.problems)
    with pytest.raises(AuditLogBroken):
        log.append("x", "person.view", ["P1"], "p")


def test_an_intact_log_is_not_reread_on_append(log, monkeypatch):
    """Appends stay fast: while only the service writes, an append never verifies the whole log."""
    def no_full_check(self, *args, **kwargs):
        raise AssertionError("the whole log was verified for an append")

    monkeypatch.setattr(AuditLog, "verify", no_full_check)
    for i in range(20):
        AuditLog(log.folder).append("u", "search", [str(i)], "p")


def test_a_log_copied_back_from_a_backup_is_verified_once_and_accepted(log, tmp_path):
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(log.path.read_bytes())
    os.replace(copy, log.path)  # another inode and change time, same entries
    log.append("u", "search", [], "p")
    assert log.verify().ok and log.verify().entries == 6


def test_a_log_written_before_sealing_is_sealed_when_the_key_is_made(tmp_path):
    prev, lines = GENESIS, []
    for seq in (1, 2):
        fields = {"seq": seq, "time": "2026-01-01T00:00:00.000+00:00", "user": "u", "action": "search",
                  "ids": [], "purpose": "p", "detail": None, "prev": prev}
        fields["hash"] = prev = entry_hash(fields)
        lines.append(json.dumps(fields) + "\n")
    (tmp_path / "audit.jsonl").write_text("".join(lines))
    (tmp_path / "audit.head").write_text(json.dumps({"seq": 2, "hash": prev, "size": 0}))
    log = AuditLog(tmp_path)
    assert log.verify().ok, log.verify().problems
    assert "mac" in json.loads(log.head_path.read_text())
    log.append("u", "search", [], "p")
    assert log.verify().ok and log.verify().entries == 3


def test_a_log_checked_with_another_key_fails(log, tmp_path):
    (log.folder / "audit.key").unlink()
    fresh = AuditLog(log.folder)
    result = fresh.verify()
    assert not result.ok and any("audit key" in p for p in result.problems)


def test_a_last_line_cut_short_is_found_and_never_appended_to(log):
    log.path.write_bytes(log.path.read_bytes()[:-1])  # the final newline removed
    assert any("cut short" in p for p in log.verify().problems)
    with pytest.raises(AuditLogBroken):
        log.append("x", "person.view", ["P1"], "p")
