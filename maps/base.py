"""The base map every layer goes on: Leaflet from the vendored files, tiles as the caller says.

``tiles="osm"`` (the default) draws OpenStreetMap tiles with their attribution. A force's own
tile server is ``"URL|ATTRIBUTION"`` (a URL template such as
``https://tiles.example/{z}/{x}/{y}.png`` and the attribution its licence asks for, shown as
plain text; see :func:`graph_service.settings.tile_source`). ``"none"`` is for closed networks
where no tile server can be reached: the map draws boundaries instead (the areas the analysis
ran in, a boundary given, else the study area's rectangle), so a layer still has a frame of
reference. The choice is the ``GRAPH_SERVICE_TILES`` setting: the dashboard and the command
line read their settings and pass ``settings.tiles``; a map never loads settings of its own.
"""

from __future__ import annotations

import html
from typing import Sequence

import folium
import geopandas as gpd
from shapely.geometry import box

from graph_service.settings import OSM_ATTRIBUTION, OSM_TILES, SettingsError, tile_source
from maps.assets import LEAFLET_CSS, LEAFLET_JS

__all__ = ["OSM_ATTRIBUTION", "OSM_TILES", "base_map", "bounds_of"]
BOUNDARY_STYLE = {"color": "#444444", "weight": 2, "dashArray": "6 4", "fill": False}


def base_map(bounds: Sequence[float], tiles: str | None = None, boundary: gpd.GeoDataFrame | None = None,
             title: str | None = None, outline: gpd.GeoDataFrame | None = None) -> folium.Map:
    """An empty map fitted to ``bounds`` (west, south, east, north in degrees).

    ``tiles``: ``osm`` (the default), ``none`` or ``URL|ATTRIBUTION``; pass ``settings.tiles``
    to follow the setting.
    ``boundary``: polygons (any CRS) outlined when there are no tiles. ``outline``: the
    boundaries of the areas an analysis ran in, always drawn (and, with no tiles and no
    ``boundary``, the frame of reference).
    """
    tiles = tiles or "osm"
    try:
        source = tile_source(tiles)
    except SettingsError as problem:
        raise ValueError(str(problem).replace("GRAPH_SERVICE_TILES=", "tiles ", 1)) from None
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
    elif source is not None:  # a force's own tile server: its attribution is text, never markup
        folium.TileLayer(source[0], attr=html.escape(source[1]), name="Map tiles", max_zoom=19,
                         control=False).add_to(m)
    elif boundary is not None or outline is None:
        frame = boundary if boundary is not None else gpd.GeoDataFrame(geometry=[box(west, south, east, north)], crs=4326)
        m.gs_study_frame = _outline(m, frame, "Boundary", control=False)
    if outline is not None and len(outline):
        _outline(m, outline, "Area boundaries", control=True)
        m.gs_outlined = True
    m.gs_bounds = (west, south, east, north)
    m.fit_bounds([[south, west], [north, east]])
    return m


def _outline(m: folium.Map, frame: gpd.GeoDataFrame, name: str, control: bool) -> folium.GeoJson:
    """Polygons drawn as dashed outlines, not clickable; in the layer control when ``control``."""
    if frame.crs is None:
        raise ValueError("the boundary has no coordinate reference system")
    return folium.GeoJson(
        frame.to_crs(4326)[[frame.geometry.name]].to_json(), name=name,
        style_function=lambda _: BOUNDARY_STYLE, control=control, interactive=False,
    ).add_to(m)


def outline_areas(m: folium.Map, areas: gpd.GeoDataFrame) -> folium.Map:
    """Draw ``areas`` (polygons, any CRS) on a map made without tiles, in place of the study
    area's rectangle: on a closed network the boundaries of councils and wards are what a
    reader finds their way by. Not in the layer control (it may already be on the map)."""
    if not len(areas) or getattr(m, "gs_outlined", False):
        return m
    frame = getattr(m, "gs_study_frame", None)
    if frame is not None:
        m._children.pop(frame.get_name(), None)
        m.gs_study_frame = None
    _outline(m, areas, "Area boundaries", control=False)
    m.gs_outlined = True
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
