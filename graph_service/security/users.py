"""The user store: one SQLite file in the state folder.

SQLite because users are read on every dashboard request and written by the CLI while the
dashboard runs: it gives atomic writes and safe concurrent readers without a server.

>>> import tempfile
>>> folder = tempfile.TemporaryDirectory()
>>> store = UserStore(Path(folder.name) / "users.sqlite3")
>>> store.add("a.analyst", "analyst", "a long enough passphrase").password_hash.startswith("$argon2id$")
True
>>> store.authenticate("a.analyst", "a long enough passphrase").role
'analyst'
>>> folder.cleanup()
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from graph_service.security import passwords, security_dir
from graph_service.security.roles import check_role
from graph_service.settings import Settings

#: Lower-case letters, digits, dot, dash, underscore; starts with a letter or digit.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);
-- Dashboard sessions held on the server (graph_service.security.sessions): the cookie
-- carries only a token, so ending a row ends every copy of the cookie at once.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    bound_to TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_seen REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_name);
"""


class UserProblem(ValueError):
    """A user operation that cannot be done, with a message a person can act on."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    active: bool
    created_at: str
    disabled_at: str | None
    password_hash: str

    def public(self) -> dict:
        """The user without the password hash, for listings."""
        return {"name": self.name, "role": self.role, "active": self.active,
                "created_at": self.created_at, "disabled_at": self.disabled_at}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def check_name(name: str) -> str:
    if not NAME_PATTERN.match(name or ""):
        raise UserProblem(
            f"user name {name!r} is not allowed: use 2-64 lower-case letters, digits, '.', '-' or '_', "
            "starting with a letter or digit"
        )
    return name


class UserStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Created private before SQLite opens it: the file holds password hashes.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        with self._connection() as db:
            db.executescript(_SCHEMA)

    @classmethod
    def of(cls, settings: Settings) -> "UserStore":
        return cls(security_dir(settings) / "users.sqlite3")

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=10)) as db:
            db.row_factory = sqlite3.Row
            with db:  # one transaction: committed on success, rolled back on error
                yield db

    def transaction(self):
        """One transaction on the store's file; the session store keeps its table here too."""
        return self._connection()

    # -- reading -------------------------------------------------------------------------
    def get(self, name: str) -> User | None:
        with self._connection() as db:
            row = db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return _user(row) if row else None

    def list(self) -> list[User]:
        with self._connection() as db:
            return [_user(row) for row in db.execute("SELECT * FROM users ORDER BY name")]

    def authenticate(self, name: str, password: str) -> User | None:
        """The active user ``name`` if ``password`` is theirs, else None (same time either way)."""
        user = self.get(name)
        ok = passwords.verify_password(user.password_hash if user else None, password)
        if not ok or not user.active:
            return None
        if passwords.needs_rehash(user.password_hash):
            self._set_hash(name, passwords.hash_password(password))
            user = self.get(name)
        return user

    # -- changing ------------------------------------------------------------------------
    def add(self, name: str, role: str, password: str) -> User:
        _check_new_user(name, role, password)
        try:
            with self._connection() as db:
                db.execute(
                    "INSERT INTO users (name, role, password_hash, active, created_at) VALUES (?, ?, ?, 1, ?)",
                    (name, role, passwords.hash_password(password), _now()),
                )
        except sqlite3.IntegrityError:
            raise UserProblem(f"user {name!r} already exists") from None
        return self.get(name)

    def disable(self, name: str) -> User:
        """Refuse ``name`` from now on; their open sessions end at once."""
        with self._connection() as db:
            changed = db.execute(
                "UPDATE users SET active = 0, disabled_at = coalesce(disabled_at, ?) WHERE name = ?",
                (_now(), name),
            ).rowcount
            db.execute("DELETE FROM sessions WHERE user_name = ?", (name,))
        if not changed:
            raise UserProblem(f"no user {name!r}")
        return self.get(name)

    def set_password(self, name: str, password: str) -> User:
        """A new password (which ends the user's open sessions at once); re-enables nothing."""
        _check_password(password)
        if not self._set_hash(name, passwords.hash_password(password)):
            raise UserProblem(f"no user {name!r}")
        with self._connection() as db:
            db.execute("DELETE FROM sessions WHERE user_name = ?", (name,))
        return self.get(name)

    def check_new(self, name: str, role: str, password: str) -> None:
        """Raise :class:`UserProblem` unless :meth:`add` would accept these (so a command can
        write its audit entry first, then add)."""
        _check_new_user(name, role, password)
        if self.get(name) is not None:
            raise UserProblem(f"user {name!r} already exists")

    def _set_hash(self, name: str, digest: str) -> bool:
        with self._connection() as db:
            return db.execute("UPDATE users SET password_hash = ? WHERE name = ?", (digest, name)).rowcount == 1


def _check_new_user(name: str, role: str, password: str) -> None:
    check_name(name)
    try:
        check_role(role)
    except ValueError as problem:
        raise UserProblem(str(problem)) from None
    _check_password(password)


def _check_password(password: str) -> None:
    try:
        passwords.check_password_rules(password)
    except passwords.WeakPassword as problem:
        raise UserProblem(str(problem)) from None


def _user(row: sqlite3.Row) -> User:
    return User(
        name=row["name"], role=row["role"], active=bool(row["active"]), created_at=row["created_at"],
        disabled_at=row["disabled_at"], password_hash=row["password_hash"],
    )
