"""Who may use the service and what they did: users and roles, password hashing, the audit log.

Everything here is kept in the state folder (``settings.home / "security"``), so two
installations with different ``GRAPH_SERVICE_HOME`` folders have separate users and logs.

- :mod:`.roles`: the four roles and what each may do.
- :mod:`.passwords`: argon2 hashing and the password rules.
- :mod:`.users`: the user store (add, list, disable, authenticate).
- :mod:`.sessions`: dashboard sessions held on the server (beside the users).
- :mod:`.audit`: the append-only, hash-chained and sealed log of every view, search, export
  and change of personal data.
- :mod:`.keys`: the secrets that sign dashboard sessions and seal the audit log.
"""

from __future__ import annotations

from pathlib import Path

from graph_service.settings import Settings


def security_dir(settings: Settings) -> Path:
    """The folder holding users, the audit log and the session key; created private (0700)."""
    folder = settings.home / "security"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder
