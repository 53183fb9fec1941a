"""The one place the service reads its configuration: environment variables.

Every other module takes a :class:`Settings` (usually from :func:`load`) instead of
reading ``os.environ`` itself, so a test or a second installation can run with its own
values side by side.

=========================  ===================================================================
``GRAPH_SERVICE_HOME``     Local state folder: the managed Neo4j (server files, data, logs),
                           users, audit log. Default ``.local/`` in the checkout. Two homes are
                           two separate installations.
``NEO4J_URI``              Use this server (``bolt://``, ``neo4j://`` for a cluster or Aura)
                           instead of the managed local one.
``NEO4J_USER``             User for ``NEO4J_URI`` (default ``neo4j``).
``NEO4J_PASSWORD``         Password for ``NEO4J_URI``. The managed server generates its own.
``NEO4J_DATABASE``         Database name (default: the server's default database).
``NEO4J_BOLT_PORT``        Bolt port of the managed server (default: a free port, remembered).
``NEO4J_HEAP``             JVM heap of the managed server (default ``4g``).
``NEO4J_PAGECACHE``        Page cache of the managed server (default ``2g``).
``NEO4J_START_TIMEOUT``    Seconds to wait for the managed server to answer (default 180).
``GRAPH_SERVICE_TILES``    Map tile source: ``osm`` (default) or ``none`` for closed networks.
``GRAPH_SERVICE_TRUSTED_PROXIES``  How many reverse proxies (e.g. the TLS proxy) stand in front of
                           the dashboard: their ``X-Forwarded-For`` gives the client address
                           sessions are bound to and logins are limited by. Default 0.
=========================  ===================================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The checkout (or installed tree) this package lives in.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Neo4j Community LTS line the managed server is assembled from (Maven Central).
NEO4J_VERSION = "5.26.30"


@dataclass(frozen=True)
class Settings:
    home: Path
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    neo4j_bolt_port: int | None = None
    neo4j_heap: str = "4g"
    neo4j_pagecache: str = "2g"
    neo4j_start_timeout: float = 180.0
    tiles: str = "osm"
    trusted_proxies: int = 0

    @property
    def managed(self) -> bool:
        """True when the service runs its own local Neo4j (``NEO4J_URI`` unset)."""
        return not self.neo4j_uri


class SettingsError(ValueError):
    """A configuration value the service cannot use."""


def _int(env: dict[str, str], name: str) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None


def load(env: dict[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from ``env`` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    home = Path(env.get("GRAPH_SERVICE_HOME") or PROJECT_ROOT / ".local").expanduser().resolve()
    port = _int(env, "NEO4J_BOLT_PORT")
    if port is not None and not 0 < port < 65536:
        raise SettingsError(f"NEO4J_BOLT_PORT={port} is not a TCP port (1-65535)")
    timeout = env.get("NEO4J_START_TIMEOUT", "").strip()
    tiles = env.get("GRAPH_SERVICE_TILES", "osm").strip().lower() or "osm"
    if tiles not in ("osm", "none"):
        raise SettingsError(f"GRAPH_SERVICE_TILES={tiles!r}: use 'osm' or 'none'")
    proxies = _int(env, "GRAPH_SERVICE_TRUSTED_PROXIES") or 0
    if not 0 <= proxies <= 5:
        raise SettingsError(f"GRAPH_SERVICE_TRUSTED_PROXIES={proxies}: give how many proxies stand in front (0-5)")
    return Settings(
        home=home,
        neo4j_uri=env.get("NEO4J_URI") or None,
        neo4j_user=env.get("NEO4J_USER") or "neo4j",
        neo4j_password=env.get("NEO4J_PASSWORD") or None,
        neo4j_database=env.get("NEO4J_DATABASE") or None,
        neo4j_bolt_port=port,
        neo4j_heap=env.get("NEO4J_HEAP") or "4g",
        neo4j_pagecache=env.get("NEO4J_PAGECACHE") or "2g",
        neo4j_start_timeout=float(timeout) if timeout else 180.0,
        tiles=tiles,
        trusted_proxies=proxies,
    )
