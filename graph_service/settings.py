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
``GRAPH_SERVICE_TILES``    Map tile source: ``osm`` (default); ``none`` for closed networks (maps
                           draw the area boundaries instead); or a force's own tile server as
                           ``URL|ATTRIBUTION``, e.g. ``https://tiles.example/{z}/{x}/{y}.png|© Example``
                           (see :func:`tile_source`).
``GRAPH_SERVICE_TRUSTED_PROXIES``  How many reverse proxies (e.g. the TLS proxy) stand in front of
                           the dashboard: their ``X-Forwarded-For`` gives the client address
                           sessions are bound to and logins are limited by. Default 0.
``GRAPH_SERVICE_WORKERS``  How many processes ``graph-service serve`` answers from (each with
                           its own threads). Default: the machine's cores.
``GRAPH_SERVICE_PUBLISH_BATCH``  Most new records an ingest publishes in one transaction
                           (default 1,000,000, which the default 4 GB heap holds). A larger
                           ingest is published in batches of this size, and the dashboard's
                           reads are refused until its last batch commits (docs/scaling.md);
                           so is a store's first network run with more rows than this.
=========================  ===================================================================
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

#: The checkout (or installed tree) this package lives in.
PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Most dashboard processes a setting may ask for: each holds its own app, caches and connections.
MAX_WORKERS = 64

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
    dashboard_workers: int = 1
    publish_batch: int = 1_000_000

    @property
    def managed(self) -> bool:
        """True when the service runs its own local Neo4j (``NEO4J_URI`` unset)."""
        return not self.neo4j_uri


class SettingsError(ValueError):
    """A configuration value the service cannot use."""


OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
#: The placeholders a tile URL template may hold (Leaflet's): zoom, column, row (or the row
#: counted from the south, TMS), a subdomain, and "@2x" on high-resolution screens.
TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}", "{-y}", "{s}", "{r}")
#: Longest attribution kept (it sits in a corner of every map).
ATTRIBUTION_MAX = 200
_TILES_FORMAT = ("use 'osm' or 'none', or a tile URL template and its attribution separated by '|', "
                 "e.g. https://tiles.example/{z}/{x}/{y}.png|© Example")


def tile_source(tiles: str) -> tuple[str, str] | None:
    """The tile URL template and attribution (plain text; OSM's is HTML) a ``tiles`` setting
    names; None for ``none``. Raises :class:`SettingsError` saying what is wrong.

    ``URL|ATTRIBUTION``: an ``http`` or ``https`` URL with ``{z}``, ``{x}`` and ``{y}`` (or
    ``{-y}``), no other placeholder than :data:`TILE_PLACEHOLDERS`, no space or quote; then the
    attribution the tile server's licence asks for, as plain text.

    >>> tile_source("https://tiles.example/{z}/{x}/{y}.png|© Example")
    ('https://tiles.example/{z}/{x}/{y}.png', '© Example')
    >>> try:
    ...     tile_source("https://tiles.example/{z}/{x}.png|© Example")
    ... except SettingsError as problem:
    ...     print(str(problem).split(": use 'osm'")[0])
    GRAPH_SERVICE_TILES='https://tiles.example/{z}/{x}.png|© Example': the URL has no {y} (or {-y})
    """
    if tiles == "osm":
        return OSM_TILES, OSM_ATTRIBUTION
    if tiles == "none":
        return None

    def refuse(reason: str) -> SettingsError:
        return SettingsError(f"GRAPH_SERVICE_TILES={tiles[:120]!r}: {reason}: {_TILES_FORMAT}")

    url, bar, attribution = tiles.partition("|")
    url, attribution = url.strip(), attribution.strip()
    if not bar:
        raise refuse("not osm or none, and no '|' before an attribution")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise refuse("the URL must start with https:// (or http://) and a server name")
    if re.search(r"[\s\"'<>\\`]", url):
        raise refuse("the URL holds a space, a quote or one of < > \\ `")
    unknown = sorted(set(re.findall(r"\{[^}]*\}", url)) - set(TILE_PLACEHOLDERS))
    if unknown or re.sub(r"\{[^}]*\}", "", url).count("{") or re.sub(r"\{[^}]*\}", "", url).count("}"):
        raise refuse(f"the URL holds {', '.join(unknown) or 'a stray brace'}; "
                     f"placeholders are {', '.join(TILE_PLACEHOLDERS)}")
    for needed in ("{z}", "{x}"):
        if needed not in url:
            raise refuse(f"the URL has no {needed}")
    if "{y}" not in url and "{-y}" not in url:
        raise refuse("the URL has no {y} (or {-y})")
    if "{s}" in parts.path or "{s}" in (parts.query or ""):
        raise refuse("{s} (a subdomain) belongs in the server name")
    if not attribution:
        raise refuse("the attribution after '|' is empty: tile servers' licences ask for one")
    if len(attribution) > ATTRIBUTION_MAX:
        raise refuse(f"the attribution is {len(attribution)} characters long; at most {ATTRIBUTION_MAX}")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in attribution):
        raise refuse("the attribution holds a control or invisible character")
    return url, attribution


def tile_origin(tiles: str) -> str:
    """Where a page's maps may load tile images from (for its Content-Security-Policy): the
    tile server's origin, ``*`` for its ``{s}`` subdomains; empty for ``none``."""
    if tiles == "osm":
        return "https://tile.openstreetmap.org https://*.tile.openstreetmap.org"
    source = tile_source(tiles)
    if source is None:
        return ""
    parts = urlsplit(source[0])
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def _tiles(env: dict[str, str]) -> str:
    """``GRAPH_SERVICE_TILES`` checked: ``osm``, ``none`` (any case) or ``URL|ATTRIBUTION`` as given."""
    raw = env.get("GRAPH_SERVICE_TILES", "").strip() or "osm"
    if raw.lower() in ("osm", "none"):
        return raw.lower()
    tile_source(raw)
    return raw


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
    tiles = _tiles(env)
    proxies = _int(env, "GRAPH_SERVICE_TRUSTED_PROXIES") or 0
    if not 0 <= proxies <= 5:
        raise SettingsError(f"GRAPH_SERVICE_TRUSTED_PROXIES={proxies}: give how many proxies stand in front (0-5)")
    workers = _int(env, "GRAPH_SERVICE_WORKERS")
    workers = min(os.cpu_count() or 1, MAX_WORKERS) if workers is None else workers
    if not 1 <= workers <= MAX_WORKERS:
        raise SettingsError(f"GRAPH_SERVICE_WORKERS={workers}: give how many processes serve the dashboard "
                            f"(1-{MAX_WORKERS})")
    publish_batch = _int(env, "GRAPH_SERVICE_PUBLISH_BATCH")
    if publish_batch is not None and publish_batch < 1:
        raise SettingsError(f"GRAPH_SERVICE_PUBLISH_BATCH={publish_batch}: give the most new records to publish "
                            "in one transaction (1 or more)")
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
        dashboard_workers=workers,
        publish_batch=publish_batch or Settings.publish_batch,
    )
