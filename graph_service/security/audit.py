"""The audit log: who saw, searched for or exported which personal data, when, and why.

Append-only and hash-chained. Each entry is one JSON line holding a sequence number, the
time (UTC), the user, the action, the IDs concerned, the purpose the user gave when they
logged in, the hash of the entry before it (``prev``) and its own ``hash`` (SHA-256 over
all of the above). A small head file records the newest entry's number and hash, so
entries cut from the end of the log are noticed too. :meth:`AuditLog.verify` recomputes
the chain: an altered, removed, inserted or reordered entry breaks it.

>>> log = AuditLog(tmp)                                                   # doctest: +SKIP
>>> log.append("a.analyst", "person.view", ["P0001"], "MACSE case review")  # doctest: +SKIP
>>> log.verify().ok                                                      # doctest: +SKIP
True

What the chain does not do: someone able to rewrite the whole file *and* the head can
forge a consistent history. Against that, copy the head hash (``graph-service audit
verify`` prints it) somewhere they cannot reach, e.g. the MACSE minutes or a SIEM.

Reference: Schneier & Kelsey, "Secure audit logs to support computer forensics" (1999),
for hash chaining; NCSC "Logging made easy" guidance on what to log.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from graph_service.security import security_dir
from graph_service.settings import Settings

#: ``prev`` of the first entry.
GENESIS = "0" * 64
#: The fields an entry's hash covers, in the order they are written.
FIELDS = ("seq", "time", "user", "action", "ids", "purpose", "detail", "prev")
NOT_STATED = "not stated"

# Per log file within this process (threads of the WSGI server): the writer's lock and the
# queue of entries waiting for it. flock guards against other processes (the CLI, another
# worker) appending at the same time.
_writers: dict[Path, tuple[threading.Lock, threading.Lock, list]] = {}
_writers_guard = threading.Lock()


class AuditLogBroken(RuntimeError):
    """The log does not verify, so nothing more is appended until someone looks at it."""


@dataclass(frozen=True)
class Entry:
    seq: int
    time: str
    user: str
    action: str
    ids: list[str]
    purpose: str
    detail: str | None
    prev: str
    hash: str

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in (*FIELDS, "hash")}


@dataclass
class _Waiting:
    """An entry queued for the writer: its fields, then the written entry or the failure."""

    fields: dict
    entry: Entry | None = None
    problem: BaseException | None = None


@dataclass
class Verification:
    """The outcome of :meth:`AuditLog.verify`."""

    entries: int = 0
    head_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def entry_hash(fields: dict) -> str:
    """SHA-256 of an entry's fields (not its own hash) in canonical JSON."""
    content = {name: fields.get(name) for name in FIELDS}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditLog:
    """The audit log in ``folder`` (``audit.jsonl`` and its head file ``audit.head``)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / "audit.jsonl"
        self.head_path = self.folder / "audit.head"
        self._lock_path = self.folder / "audit.lock"
        with _writers_guard:
            self._thread_lock, self._queue_guard, self._queue = _writers.setdefault(
                self.path.resolve(), (threading.Lock(), threading.Lock(), []))

    @classmethod
    def of(cls, settings: Settings) -> "AuditLog":
        return cls(security_dir(settings))

    # -- writing ----------------------------------------------------------------------------
    def append(self, user: str, action: str, ids: Iterable[str] = (), purpose: str | None = None,
               detail: str | None = None) -> Entry:
        """Add one entry, on disk when this returns, and return it. Raises
        :class:`AuditLogBroken` when the log has been tampered with: the caller must then
        refuse the access it was about to log.

        Group commit: an entry waits in this process's queue, and whichever thread holds
        the writer's lock next chains and writes every waiting entry with one write and one
        fsync. Many requests at once then share one disk flush instead of queueing for a
        lock each, and every request still returns only after its own entry is on disk.
        """
        waiting = _Waiting({
            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "user": str(user),
            "action": str(action),
            "ids": [str(i) for i in ids],
            "purpose": (purpose or "").strip() or NOT_STATED,
            "detail": detail,
        })
        with self._queue_guard:
            self._queue.append(waiting)
        with self._thread_lock:
            if waiting.entry is None and waiting.problem is None:
                with self._queue_guard:
                    batch, self._queue[:] = list(self._queue), []
                self._write(batch)
        if waiting.problem is not None:
            raise waiting.problem
        return waiting.entry

    def _write(self, batch: list["_Waiting"]) -> None:
        """Chain ``batch`` onto the log, under the lock other processes respect too."""
        try:
            with self._file_locked():
                seq, prev, size = self._head()
                actual = self.path.stat().st_size if self.path.exists() else 0
                if actual != size:
                    seq, prev, size = self._recover()
                lines = []
                for waiting in batch:
                    seq += 1
                    fields = {"seq": seq, **waiting.fields, "prev": prev}
                    waiting.entry = Entry(**fields, hash=entry_hash(fields))
                    prev = waiting.entry.hash
                    lines.append(json.dumps(waiting.entry.as_dict(), ensure_ascii=False) + "\n")
                data = "".join(lines).encode("utf-8")
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    os.write(fd, data)
                    os.fsync(fd)
                finally:
                    os.close(fd)
                self._write_head(seq, prev, size + len(data))
        except BaseException as problem:
            for waiting in batch:
                waiting.entry, waiting.problem = None, problem
            raise

    # -- reading ----------------------------------------------------------------------------
    def entries(self) -> Iterator[Entry]:
        """Every entry, oldest first (as written; :meth:`verify` says whether to trust them)."""
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield Entry(**json.loads(line))

    def newest(self, limit: int = 100, user: str | None = None, action: str | None = None,
               concerning: str | None = None) -> list[Entry]:
        """Up to ``limit`` entries, newest first, optionally only one user's, one action's or
        those concerning one ID."""
        found = [
            e for e in self.entries()
            if (user is None or e.user == user) and (action is None or e.action == action)
            and (concerning is None or concerning in e.ids)
        ]
        return found[::-1][:limit]

    def verify(self) -> Verification:
        """Recompute the chain and compare its end with the head file."""
        result = Verification()
        expected_seq, prev = 1, GENESIS
        hashes: dict[int, str] = {}
        if self.path.exists():
            with open(self.path, encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        result.problems.append(f"line {number}: empty line inside the log")
                        continue
                    try:
                        data = json.loads(line)
                    except json.JSONDecodeError:
                        result.problems.append(f"line {number}: not a JSON entry (altered)")
                        continue
                    if set(data) != {*FIELDS, "hash"}:
                        result.problems.append(f"line {number}: fields {sorted(data)} are not an entry's (altered)")
                        continue
                    seq = data["seq"]
                    if seq != expected_seq:
                        result.problems.append(
                            f"line {number}: entry {seq} where entry {expected_seq} belongs "
                            "(entries removed, inserted or reordered)"
                        )
                    if data["prev"] != prev:
                        result.problems.append(
                            f"line {number}: entry {seq} does not follow the entry before it "
                            "(entries removed, inserted or reordered)"
                        )
                    if entry_hash(data) != data["hash"]:
                        result.problems.append(f"line {number}: entry {seq} does not match its hash (altered)")
                    expected_seq, prev = (seq if isinstance(seq, int) else expected_seq) + 1, data["hash"]
                    hashes[result.entries + 1] = data["hash"]
                    result.entries += 1
        result.head_hash = prev
        head_seq, head_hash, _ = self._head()
        # The head may lag behind the log (entries are flushed to disk, the head is not, so a
        # crash can lose its last updates), but it must name an entry the log still holds.
        if head_seq > result.entries or (head_seq and hashes.get(head_seq) != head_hash):
            result.problems.append(
                f"the log ends at entry {result.entries} but its head records entry {head_seq} "
                "(entries removed from the end, or the head file altered)"
            )
        return result

    # -- internals ----------------------------------------------------------------------------
    @contextmanager
    def _file_locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._lock_path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _head(self) -> tuple[int, str, int]:
        """(newest seq, its hash, log size in bytes) from the head file; an empty log has none."""
        try:
            data = json.loads(self.head_path.read_text(encoding="utf-8"))
            return int(data["seq"]), str(data["hash"]), int(data["size"])
        except FileNotFoundError:
            return 0, GENESIS, 0
        except (ValueError, KeyError, TypeError):
            raise AuditLogBroken(f"{self.head_path} is not a head file; run `graph-service audit verify`") from None

    def _write_head(self, seq: int, digest: str, size: int) -> None:
        # Replaced whole (never half-written); not flushed to disk each time, see verify().
        tmp = self.head_path.with_suffix(".head.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps({"seq": seq, "hash": digest, "size": size}).encode())
        finally:
            os.close(fd)
        os.replace(tmp, self.head_path)

    def _recover(self) -> tuple[int, str, int]:
        """The log's size differs from the head's record: accept it only if the whole chain
        verifies (a crash after an entry was written, before its head), else refuse."""
        check = self.verify()
        if not check.ok:
            raise AuditLogBroken(
                "the audit log does not verify, so access that must be logged is refused: "
                + "; ".join(check.problems[:3])
            )
        size = self.path.stat().st_size
        self._write_head(check.entries, check.head_hash, size)
        return check.entries, check.head_hash, size
