"""Dashboard sessions held on the server, in the user store's SQLite file.

The session cookie carries only a random token (inside Flask's signed cookie); the server
keeps, per token, whose session it is, what it is bound to (client address and browser),
when it was opened and when it was last used. So a session ends everywhere at once when
its row goes: at logout, when the user is disabled or given a new password
(:class:`~graph_service.security.users.UserStore` deletes their rows), after the idle
timeout, and at the absolute lifetime however busy it was. A cookie copied before logout is
then worthless.

Only a SHA-256 of each token is stored: someone who reads the file cannot take over a
session with what they read.

>>> import tempfile
>>> from pathlib import Path
>>> from graph_service.security.users import UserStore
>>> folder = tempfile.TemporaryDirectory()
>>> users = UserStore(Path(folder.name) / "users.sqlite3")
>>> _ = users.add("a.analyst", "analyst", "a long enough passphrase")
>>> sessions = SessionStore(users)
>>> token = sessions.open("a.analyst", bound_to="...")
>>> sessions.find(token, "...", idle=1800, absolute=36000)
'a.analyst'
>>> sessions.find(token, "another browser", idle=1800, absolute=36000) is None
True
>>> folder.cleanup()
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from graph_service.security.users import UserStore


def _hashed(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    def __init__(self, users: UserStore):
        self._connection = users.transaction

    def open(self, user_name: str, bound_to: str) -> str:
        """A new session for ``user_name``; returns the token for the cookie."""
        token = secrets.token_urlsafe(32)
        now = time.time()
        with self._connection() as db:
            db.execute("INSERT INTO sessions (token_hash, user_name, bound_to, created_at, last_seen) "
                       "VALUES (?, ?, ?, ?, ?)", (_hashed(token), user_name, bound_to, now, now))
        return token

    def find(self, token: str, bound_to: str, idle: float, absolute: float) -> str | None:
        """The user of a live session ``token`` used from ``bound_to``, else None.

        A session idle for ``idle`` seconds or older than ``absolute`` seconds is ended here.
        Its last use is written at most every ``idle / 10`` seconds (a minute at most), so a
        busy dashboard does not write to the file on every request.
        """
        now = time.time()
        with self._connection() as db:
            row = db.execute("SELECT * FROM sessions WHERE token_hash = ?", (_hashed(token),)).fetchone()
            if row is None:
                return None
            if now - row["last_seen"] > idle or now - row["created_at"] > absolute:
                db.execute("DELETE FROM sessions WHERE token_hash = ?", (row["token_hash"],))
                return None
            if not hmac.compare_digest(row["bound_to"], bound_to):
                return None  # a copied cookie, elsewhere: refused, and the owner carries on
            if now - row["last_seen"] > min(60.0, idle / 10):
                db.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (now, row["token_hash"]))
        return row["user_name"]

    def end(self, token: str) -> None:
        with self._connection() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_hashed(token),))

    def end_expired(self, idle: float, absolute: float) -> None:
        now = time.time()
        with self._connection() as db:
            db.execute("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?", (now - idle, now - absolute))

    def count(self, user_name: str) -> int:
        with self._connection() as db:
            return db.execute("SELECT count(*) FROM sessions WHERE user_name = ?", (user_name,)).fetchone()[0]
