"""The secret that signs dashboard sessions, made once per installation.

Kept in the state folder (mode 0600) rather than in an environment variable so that no
installation ever runs with a default or example key, and restarting the server keeps
people logged in. Deleting the file logs everyone out.
"""

from __future__ import annotations

import os
import secrets

from graph_service.security import security_dir
from graph_service.settings import Settings


def session_secret(settings: Settings) -> bytes:
    folder = security_dir(settings)
    path = folder / "session.key"
    if not path.exists():
        # Written in full under a temporary name, then linked into place: a second process
        # starting at the same moment either wins the link or reads the complete winner.
        tmp = folder / f"session.key.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, secrets.token_hex(32).encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    key = path.read_bytes().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key; delete it to make a new one")
    return key
