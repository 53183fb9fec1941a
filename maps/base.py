"""The base map every layer goes on: Leaflet from the vendored files, tiles as the caller says.

``tiles="osm"`` (the default) draws OpenStreetMap tiles with their attribution. ``"none"`` is
for closed networks, where no tile server can be reached: the map shows a local
boundary outline instead (the force or district boundary when one is given, else the study
area), so a layer still has a frame of reference. The choice is the ``GRAPH_SERVICE_TILES``
setting: the dashboard and the command line read their settings and pass ``settings.tiles``;
a map never loads settings of its own.
"""

from __future__ import annotations

from typing import Sequence

import folium
import geopandas as gpd
from shapely.geometry import box

from maps.assets import LEAFLET_CSS, LEAFLET_JS

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
BOUNDARY_STYLE = {"color": "#444444", "weight": 2, "dashArray": "6 4", "fill": False}


def base_map(bounds: Sequence[float], tiles: str | None = None, boundary: gpd.GeoDataFrame | None = None,
             title: str | None = None) -> folium.Map:
    """An empty map fitted to ``bounds`` (west, south, east, north in degrees).

    ``tiles``: ``osm`` (the default) or ``none``; pass ``settings.tiles`` to follow the setting.
    ``boundary``: polygons (any CRS) outlined when there are no tiles.
    """
    tiles = tiles or "osm"
    if tiles not in ("osm", "none"):
        raise ValueError(f"tiles {tiles!r}: use 'osm' or 'none'")
    west, south, east, north = (float(b) for b in bounds)
    m = folium.Map(location=[(south + north) / 2, (west + east) / 2], tiles=None, control_scale=True, zoom_start=12)
    # Only Leaflet itself: folium's other defaults (jQuery, Bootstrap, icon fonts) serve
    # features these maps do not use, and each would be one more file to vendor.
    m.default_js = [LEAFLET_JS]
    m.default_css = [LEAFLET_CSS]
    if title:
        m.get_root().title = title
    if tiles == "osm":
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19, control=False).add_to(m)
    else:
        outline = boundary if boundary is not None else gpd.GeoDataFrame(geometry=[box(west, south, east, north)], crs=4326)
        if outline.crs is None:
            raise ValueError("the boundary has no coordinate reference system")
        folium.GeoJson(
            outline.to_crs(4326)[[outline.geometry.name]].to_json(), name="Boundary",
            style_function=lambda _: BOUNDARY_STYLE, control=False, interactive=False,
        ).add_to(m)
    m.fit_bounds([[south, west], [north, east]])
    return m


def bounds_of(*frames: gpd.GeoDataFrame | None) -> tuple[float, float, float, float]:
    """West, south, east, north (degrees) around every non-empty frame given."""
    boxes = [f.to_crs(4326).total_bounds for f in frames if f is not None and len(f)]
    if not boxes:
        raise ValueError("nothing to map: every layer is empty")
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    # A margin, and never less than about a kilometre across: one place alone is still shown
    # with its street context rather than at the highest zoom.
    pad_x = max((east - west) * 0.05, 0.008)
    pad_y = max((north - south) * 0.05, 0.005)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y
