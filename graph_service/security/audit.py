"""The audit log: who saw, searched for or exported which personal data, when, and why.

Append-only, hash-chained and sealed. Each entry is one JSON line holding a sequence
number, the time (UTC), the user, the action, the IDs concerned, the purpose the user gave
when they logged in, the hash of the entry before it (``prev``), its own ``hash`` (SHA-256
over all of the above) and its ``mac``: an HMAC of the hash under the installation's audit
key (``audit.key``, kept apart from the log). A small head file records the newest entry's
number and hash, and what the log file looked like when that entry was written; the head
carries a MAC under the same key.

- The chain makes an altered, removed, inserted or reordered entry visible (anyone can
  recompute it, without the key).
- The entry MACs mean nobody without the key can write an entry the log accepts, not even
  after the head (where a crash may leave entries the head does not name yet).
- The sealed head means entries cut from the end are noticed even when the head file is
  removed or recomputed: a head needs the key too.

>>> import tempfile
>>> folder = tempfile.TemporaryDirectory()
>>> log = AuditLog(Path(folder.name))
>>> log.append("a.analyst", "person.view", ["P0001"], "MACSE case review").seq
1
>>> log.verify().ok
True
>>> folder.cleanup()

Appends stay fast: instead of re-reading the whole log, an append checks that the file is
the one the head describes (device, inode, size and change time: any write to the file
changes its change time) and that the last entry is the head's, with a valid MAC; only when
they differ is the whole log verified, and the append refused if it fails.

What the seal does not do: someone holding the key *and* the files can forge a consistent
history, and someone who kept an old copy of both the log and its head can put both back.
Against that, copy the head hash (``graph-service audit verify`` prints it) somewhere they
cannot reach, e.g. the MACSE minutes or a SIEM.

Reference: Schneier & Kelsey, "Secure audit logs to support computer forensics" (1999),
for hash chaining and MACs; NCSC "Logging made easy" guidance on what to log.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from graph_service.security import security_dir
from graph_service.security.keys import secret_file
from graph_service.settings import Settings

#: ``prev`` of the first entry.
GENESIS = "0" * 64
#: The fields an entry's hash covers, in the order they are written.
FIELDS = ("seq", "time", "user", "action", "ids", "purpose", "detail", "prev")
NOT_STATED = "not stated"
_HEAD_FIELDS = ("seq", "hash", "file")


class AuditLogBroken(RuntimeError):
    """The log does not verify, so nothing more is appended until someone looks at it."""


@dataclass
class _Writer:
    """Per log file within this process (threads of the WSGI server): the writer's lock, the
    queue of entries waiting for it, and the last failed check (so a broken log is not
    re-read on every request). flock guards against other processes (the CLI, another
    worker) appending at the same time."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    queue_guard: threading.Lock = field(default_factory=threading.Lock)
    queue: list = field(default_factory=list)
    broken: tuple | None = None  # (what the files looked like, the problem)


_writers: dict[Path, _Writer] = {}
_writers_guard = threading.Lock()


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
    mac: str | None = None  # None only in entries written before logs were sealed

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in (*FIELDS, "hash", "mac")}


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


def _mac(key: bytes, purpose: str, content) -> str:
    message = json.dumps([purpose, content], sort_keys=True, separators=(",", ":"))
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


class AuditLog:
    """The audit log in ``folder`` (``audit.jsonl``, its head ``audit.head``), sealed with the
    key in ``key_path`` (default ``folder/audit.key``, made on first use)."""

    def __init__(self, folder: Path, key_path: Path | None = None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "audit.jsonl"
        self.head_path = self.folder / "audit.head"
        self._lock_path = self.folder / "audit.lock"
        self._key, made = secret_file(key_path or self.folder / "audit.key")
        with _writers_guard:
            self._writer = _writers.setdefault(self.path.resolve(), _Writer())
        if made:
            self._seal_existing()

    @classmethod
    def of(cls, settings: Settings) -> "AuditLog":
        return cls(security_dir(settings))

    # -- writing ----------------------------------------------------------------------------
    def append(self, user: str, action: str, ids: Iterable[str] = (), purpose: str | None = None,
               detail: str | None = None) -> Entry:
        """Add one entry, on disk when this returns, and return it. Raises
        :class:`AuditLogBroken` when the log has been tampered with: the caller must then
        refuse the access (or the change) it was about to log.

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
        writer = self._writer
        with writer.queue_guard:
            writer.queue.append(waiting)
        with writer.lock:
            if waiting.entry is None and waiting.problem is None:
                with writer.queue_guard:
                    batch, writer.queue[:] = list(writer.queue), []
                self._write(batch)
        if waiting.problem is not None:
            raise waiting.problem
        return waiting.entry

    def check(self) -> None:
        """Raise :class:`AuditLogBroken` unless the log passes the check an append makes (cheap
        while nothing but this service wrote to it)."""
        with self._writer.lock, self._file_locked():
            self._newest_checked()

    def _write(self, batch: list["_Waiting"]) -> None:
        """Chain ``batch`` onto the log, under the lock other processes respect too."""
        try:
            with self._file_locked():
                seq, prev = self._newest_checked()
                lines = []
                for waiting in batch:
                    seq += 1
                    fields = {"seq": seq, **waiting.fields, "prev": prev}
                    digest = entry_hash(fields)
                    waiting.entry = Entry(**fields, hash=digest, mac=_mac(self._key, "entry", digest))
                    prev = digest
                    lines.append(json.dumps(waiting.entry.as_dict(), ensure_ascii=False) + "\n")
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    os.write(fd, "".join(lines).encode("utf-8"))
                    os.fsync(fd)
                    seen = os.fstat(fd)
                finally:
                    os.close(fd)
                self._write_head(seq, prev, _identity(seen))
        except BaseException as problem:
            for waiting in batch:
                waiting.entry, waiting.problem = None, problem
            raise

    # -- reading ----------------------------------------------------------------------------
    def entries(self) -> Iterator[Entry]:
        """Every readable entry, oldest first (as written; :meth:`verify` says whether to
        trust them, and names the lines that are not entries)."""
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                try:
                    yield Entry(**json.loads(line))
                except (ValueError, TypeError):
                    continue

    def newest(self, limit: int = 100, user: str | None = None, action: str | None = None,
               concerning: str | None = None) -> list[Entry]:
        """Up to ``limit`` entries, newest first, optionally only one user's, one action's or
        those concerning one ID."""
        found = [
            e for e in self.entries()
            if (user is None or e.user == user) and (action is None or e.action == action)
            and (concerning is None or concerning in (e.ids if isinstance(e.ids, list) else []))
        ]
        return found[::-1][:limit]

    def verify(self, _unsealed_head: bool = False) -> Verification:
        """Recompute the chain and every entry's MAC, and compare the end with the sealed head."""
        result = Verification()
        expected_seq, prev, sealed_seen = 1, GENESIS, False
        hashes: dict[int, str] = {}
        macs: dict[int, bool] = {}
        if self.path.exists():
            with open(self.path, encoding="utf-8", errors="replace") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.endswith("\n"):  # an append would run on into it
                        result.problems.append(f"line {number}: the last line is cut short (altered)")
                    data = self._check_line(number, line, result.problems)
                    if data is None:
                        continue
                    seq = data["seq"]
                    if seq != expected_seq:
                        result.problems.append(
                            f"line {number}: entry {seq} where entry {expected_seq} belongs "
                            "(entries removed, inserted or reordered)")
                    if data["prev"] != prev:
                        result.problems.append(
                            f"line {number}: entry {seq} does not follow the entry before it "
                            "(entries removed, inserted or reordered)")
                    if entry_hash(data) != data["hash"]:
                        result.problems.append(f"line {number}: entry {seq} does not match its hash (altered)")
                    sealed = data.get("mac") is not None
                    if sealed and not hmac.compare_digest(str(data["mac"]), _mac(self._key, "entry", data["hash"])):
                        result.problems.append(
                            f"line {number}: entry {seq} is not sealed with this installation's audit key "
                            "(written or altered by someone without it)")
                    elif not sealed and sealed_seen:
                        result.problems.append(f"line {number}: entry {seq} has lost its seal (altered)")
                    sealed_seen = sealed_seen or sealed
                    expected_seq, prev = (seq if isinstance(seq, int) else expected_seq) + 1, data["hash"]
                    result.entries += 1
                    hashes[result.entries], macs[result.entries] = data["hash"], sealed
        result.head_hash = prev
        head, problem = self._read_head(allow_unsealed=_unsealed_head)
        if problem:
            result.problems.append(problem)
            return result
        if head is None:
            if result.entries:
                result.problems.append(
                    f"the log holds {result.entries} entries but has no head file "
                    "(the head was removed, perhaps with entries cut from the end)")
            return result
        head_seq, head_hash = head["seq"], head["hash"]
        # The head may lag behind the log (a crash between an entry and its head), but it must
        # name an entry the log still holds, and every entry after it must carry a valid MAC.
        if head_seq > result.entries or (head_seq and hashes.get(head_seq) != head_hash):
            result.problems.append(
                f"the log ends at entry {result.entries} but its head records entry {head_seq} "
                "(entries removed from the end, or the head file altered)")
        unsealed = [n for n in range(head_seq + 1, result.entries + 1) if not macs[n]]
        if unsealed:
            result.problems.append(f"entries {unsealed[0]} to {unsealed[-1]} follow the head without a seal (added)")
        return result

    # -- internals ----------------------------------------------------------------------------
    @staticmethod
    def _check_line(number: int, line: str, problems: list[str]) -> dict | None:
        if not line.strip():
            problems.append(f"line {number}: empty line inside the log")
            return None
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"line {number}: not a JSON entry (altered)")
            return None
        if not isinstance(data, dict) or set(data) - {"mac"} != {*FIELDS, "hash"}:
            problems.append(f"line {number}: fields {sorted(data) if isinstance(data, dict) else []} "
                            "are not an entry's (altered)")
            return None
        return data

    @contextmanager
    def _file_locked(self) -> Iterator[None]:
        fd = os.open(self._lock_path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _newest_checked(self) -> tuple[int, str]:
        """(seq, hash) of the newest entry, after the cheap check: the log file is the one the
        sealed head describes, and its last line is the head's entry with a valid MAC. If not,
        the whole log must verify (a crash between an entry and its head, a restored backup),
        else :class:`AuditLogBroken`. Called under the file lock."""
        seen = _identity(self.path.stat()) if self.path.exists() else None
        head, problem = self._read_head()
        if problem is None and head is not None and seen is not None and head["file"] == seen \
                and self._last_entry_is(head["hash"], seen[2]):
            self._writer.broken = None
            return head["seq"], head["hash"]
        if problem is None and head is None and (seen is None or seen[2] == 0):
            return 0, GENESIS
        state = (seen, _identity(self.head_path.stat()) if self.head_path.exists() else None)
        if self._writer.broken and self._writer.broken[0] == state:
            raise AuditLogBroken(self._writer.broken[1])
        check = self.verify()
        if not check.ok:
            message = ("the audit log does not verify, so access that must be logged is refused: "
                       + "; ".join(check.problems[:3]))
            self._writer.broken = (state, message)
            raise AuditLogBroken(message)
        self._writer.broken = None
        if seen is not None:
            self._write_head(check.entries, check.head_hash, seen)
        return check.entries, check.head_hash

    def _last_entry_is(self, digest: str, size: int) -> bool:
        """Whether the log's last line is the entry ``digest``, intact and sealed."""
        with open(self.path, "rb") as file:
            chunk = 4096
            while True:
                start = max(0, size - chunk)
                file.seek(start)
                body = file.read(size - start)
                if not body.endswith(b"\n"):
                    return False
                cut = body[:-1].rfind(b"\n")
                if cut >= 0 or start == 0:
                    break
                chunk *= 8
        try:
            data = json.loads(body[cut + 1:])
        except ValueError:
            return False
        return (isinstance(data, dict) and data.get("hash") == digest and entry_hash(data) == digest
                and hmac.compare_digest(str(data.get("mac")), _mac(self._key, "entry", digest)))

    def _read_head(self, allow_unsealed: bool = False) -> tuple[dict | None, str | None]:
        """(the head, None), (None, None) when there is none, or (None, what is wrong with it)."""
        try:
            data = json.loads(self.head_path.read_text(encoding="utf-8"))
            head = {"seq": int(data["seq"]), "hash": str(data["hash"]), "file": data.get("file")}
        except FileNotFoundError:
            return None, None
        except (ValueError, KeyError, TypeError, AttributeError):
            return None, f"{self.head_path.name} is not a head file (altered)"
        if allow_unsealed and "mac" not in data:
            return head, None
        if not hmac.compare_digest(str(data.get("mac")), _mac(self._key, "head", [head[n] for n in _HEAD_FIELDS])):
            return None, (f"{self.head_path.name} is not sealed with this installation's audit key "
                          "(recomputed or altered, perhaps to hide entries cut from the end)")
        return head, None

    def _write_head(self, seq: int, digest: str, seen: list) -> None:
        # Replaced whole (never half-written); not flushed to disk each time, see verify().
        head = {"seq": seq, "hash": digest, "file": seen}
        head["mac"] = _mac(self._key, "head", [head[n] for n in _HEAD_FIELDS])
        tmp = self.head_path.with_suffix(".head.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(head).encode())
        finally:
            os.close(fd)
        os.replace(tmp, self.head_path)

    def _seal_existing(self) -> None:
        """The audit key was made just now: a log written before logs were sealed gets a sealed
        head, if (and only if) its chain and old head verify."""
        with self._file_locked():
            head, _ = self._read_head(allow_unsealed=True)
            if head is None or not self.path.exists():
                return
            check = self.verify(_unsealed_head=True)
            if check.ok:
                self._write_head(check.entries, check.head_hash, _identity(self.path.stat()))


def _identity(seen: os.stat_result) -> list:
    """What a file looks like: device, inode, size and change time. Any write to it (or a
    copy put in its place) changes these; user programs cannot set a change time."""
    return [seen.st_dev, seen.st_ino, seen.st_size, seen.st_ctime_ns]
