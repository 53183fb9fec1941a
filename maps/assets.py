"""The vendored map assets: Leaflet's script, stylesheet and images, never a CDN.

The dashboard serves :data:`ASSET_DIR` at ``/static/maps/`` (see :mod:`maps.blueprint`);
:mod:`maps.export` inlines the same files into a standalone map. ``static/README.md`` lists
the versions, where each file came from and its licence.
"""

from __future__ import annotations

from pathlib import Path

#: The folder of vendored files, served at ``/static/maps/``.
ASSET_DIR = Path(__file__).resolve().parent / "static"

#: What a map built by :mod:`maps` loads, as (folium's name, path under ASSET_DIR).
LEAFLET_JS = ("leaflet", "leaflet/leaflet.js")
LEAFLET_CSS = ("leaflet_css", "leaflet/leaflet.css")


class AssetNotVendored(LookupError):
    """A map asks for a script or stylesheet that is not in :data:`ASSET_DIR`."""


def path(relative: str) -> Path:
    """The vendored file at ``relative`` (e.g. ``leaflet/leaflet.js``), which must exist."""
    found = (ASSET_DIR / relative).resolve()
    if ASSET_DIR not in found.parents or not found.is_file():
        raise AssetNotVendored(
            f"{relative!r} is not a vendored map asset: maps load only files in maps/static/ "
            "(see maps/static/README.md to add one)"
        )
    return found
