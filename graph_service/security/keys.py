"""The installation's secrets: one signs dashboard sessions, one seals the audit log.

Kept in the state folder (mode 0600) rather than in environment variables so that no
installation ever runs with a default or example key, and restarting the server keeps
people logged in. Deleting ``session.key`` logs everyone out; deleting ``audit.key`` makes
the existing audit log unverifiable (it then fails its check, on purpose).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from graph_service.security import security_dir
from graph_service.settings import Settings


def secret_file(path: Path) -> tuple[bytes, bool]:
    """The secret in ``path``, made on first use: ``(key, made_now)``."""
    path = Path(path)
    made = False
    if not path.exists():
        # Written in full under a temporary name, then linked into place: a second process
        # starting at the same moment either wins the link or reads the complete winner.
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
            made = True
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_bytes().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key; delete it to make a new one")
    return key, made


def session_secret(settings: Settings) -> bytes:
    return secret_file(security_dir(settings) / "session.key")[0]
