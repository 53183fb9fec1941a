"""Failed-login counts that every dashboard process shares: a `limits` storage on SQLite.

``graph-service serve --workers N`` answers from N processes, and a limit of five failed
logins a minute held in each process's memory would let a guesser try five times per
process. The counts are kept instead in ``login_limits.sqlite3`` in the state folder, beside
the users and their sessions, which the processes already share. SQLite needs no server of
its own, and its file locks (``BEGIN IMMEDIATE``) make "count the attempts in the window,
then add one" a single step across processes, so two workers answering at the same moment
cannot both let the sixth attempt through.

``limits`` finds this storage by its scheme, ``sqlite:///`` followed by the file's absolute
path; importing this module registers it. It implements what the moving window strategy
(the login limiter's) needs, and the fixed window counters for any other limit:

>>> import tempfile, pathlib
>>> folder = tempfile.TemporaryDirectory()
>>> store = SQLiteStorage(f"sqlite:///{pathlib.Path(folder.name) / 'limits.sqlite3'}")
>>> [store.acquire_entry("login/10.0.0.1", limit=2, expiry=60) for _ in range(3)]
[True, True, False]
>>> store.get_moving_window("login/10.0.0.1", limit=2, expiry=60)[1]
2
>>> store.clear("login/10.0.0.1"); store.acquire_entry("login/10.0.0.1", limit=2, expiry=60)
True
>>> folder.cleanup()
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

from limits.storage import MovingWindowSupport, Storage

from graph_service.security import security_dir
from graph_service.settings import Settings

#: Seconds a process waits for another's write to the file before giving up (an error, 500).
BUSY_TIMEOUT = 10.0
#: Attempts older than this are removed whatever their key, so that the addresses of one-off
#: visitors do not pile up; no limit of the service spans longer (the login limit: a minute).
FORGET_AFTER = 24 * 3600.0

_SCHEMA = (
    # One row per attempt counted in a moving window (the login limiter's strategy).
    "CREATE TABLE IF NOT EXISTS entries (key TEXT NOT NULL, at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS entries_by_key ON entries (key, at)",
    "CREATE INDEX IF NOT EXISTS entries_by_time ON entries (at)",
    # One row per fixed window counter.
    "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL)",
)


def storage_uri(settings: Settings) -> str:
    """The ``limits`` storage URI of the installation's shared counts."""
    return f"sqlite:///{security_dir(settings) / 'login_limits.sqlite3'}"


class SQLiteStorage(Storage, MovingWindowSupport):
    """Rate-limit counts in one SQLite file that several processes use at once.

    Every call opens its own connection (cheap: a file open) so that the storage can be
    shared by threads and survives a fork; writes run in ``BEGIN IMMEDIATE`` transactions,
    which take the file's write lock before reading, so a check and its count are one step.
    Old entries are removed as the keys they belong to are counted again, and all of them
    after :data:`FORGET_AFTER`.
    """

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options) -> None:
        path = urlparse(uri).path
        if not path or not os.path.isabs(path):
            raise ValueError(f"{uri!r}: give the file's absolute path, as sqlite:///folder/limits.sqlite3")
        self.path = Path(path)
        with self._transaction() as db:
            for statement in _SCHEMA:
                db.execute(statement)
        os.chmod(self.path, 0o600)  # who failed to log in, from where: as private as the users
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection in an immediate (write-locked) transaction, committed on success."""
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- the moving window: the login limiter ------------------------------------------
    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Count ``amount`` attempts for ``key`` unless that would make more than ``limit``
        within the last ``expiry`` seconds; whether they were counted."""
        if amount > limit:
            return False
        now = time.time()
        with self._transaction() as db:
            db.execute("DELETE FROM entries WHERE key = ? AND at < ?", (key, now - expiry))
            db.execute("DELETE FROM entries WHERE at < ?", (now - max(expiry, FORGET_AFTER),))
            (counted,) = db.execute("SELECT count(*) FROM entries WHERE key = ?", (key,)).fetchone()
            if counted + amount > limit:
                return False
            db.executemany("INSERT INTO entries (key, at) VALUES (?, ?)", [(key, now)] * amount)
            return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """``(time of the oldest attempt in the window, attempts in it)``; ``(now, 0)`` when none."""
        now = time.time()
        with self._transaction() as db:
            oldest, counted = db.execute("SELECT min(at), count(*) FROM entries WHERE key = ? AND at >= ?",
                                         (key, now - expiry)).fetchone()
        return (oldest, counted) if counted else (now, 0)

    # -- fixed windows ------------------------------------------------------------------
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._transaction() as db:
            db.execute("DELETE FROM counters WHERE key = ? AND expires <= ?", (key, now))
            db.execute("INSERT INTO counters (key, value, expires) VALUES (?, ?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = value + excluded.value", (key, amount, now + expiry))
            (value,) = db.execute("SELECT value FROM counters WHERE key = ?", (key,)).fetchone()
        return value

    def get(self, key: str) -> int:
        with self._transaction() as db:
            row = db.execute("SELECT value FROM counters WHERE key = ? AND expires > ?", (key, time.time())).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        with self._transaction() as db:
            row = db.execute("SELECT expires FROM counters WHERE key = ?", (key,)).fetchone()
        return row[0] if row else time.time()

    # -- housekeeping -------------------------------------------------------------------
    def check(self) -> bool:
        """True when the file can be read and written."""
        try:
            with self._transaction() as db:
                db.execute("SELECT 1 FROM entries LIMIT 1").fetchall()
            return True
        except sqlite3.Error:
            return False

    def clear(self, key: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM entries WHERE key = ?", (key,))
            db.execute("DELETE FROM counters WHERE key = ?", (key,))

    def reset(self) -> int:
        """Forget every count; how many keys there were."""
        with self._transaction() as db:
            (keys,) = db.execute("SELECT count(DISTINCT key) FROM entries").fetchone()
            (counters,) = db.execute("SELECT count(*) FROM counters").fetchone()
            db.execute("DELETE FROM entries")
            db.execute("DELETE FROM counters")
        return keys + counters
