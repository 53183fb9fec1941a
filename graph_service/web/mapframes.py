"""Folium maps inside the dashboard.

A map is its own HTML document (folium writes a whole page), served on its own route and
shown in an ``<iframe>`` on the page it belongs to. That keeps the pages' Content-Security-
Policy strict (no inline styles) while the map document alone gets inline styles (folium and
Leaflet need them). Its one inline script, the map's own, is allowed by its hash
(:class:`maps.export.MapDocument`): a document is the same for everyone and can be kept,
and nothing is ever written into a finished document. Leaflet comes from the vendored copy in
``maps/static/``, served here at ``/static/maps/``.

With ``GRAPH_SERVICE_TILES=none`` (a closed network) a map has no tiles, so every map served
here draws the boundaries of the loaded areas it shows (councils, wards) instead: the hot spot
map those it was computed in, the others (:func:`map_response`) those that meet its view.
"""

from __future__ import annotations

import html

import folium
import geopandas as gpd
from flask import Blueprint, Flask, Response, current_app, g

from maps import base_map, bounds_of, export
from maps.assets import ASSET_DIR
from maps.base import outline_areas
from maps.layers import add_layer_control, add_locations

ASSET_URL = "/static/maps/"


def init_app(app: Flask) -> None:
    app.register_blueprint(Blueprint("maps_assets", __name__, static_folder=str(ASSET_DIR),
                                     static_url_path=ASSET_URL.rstrip("/")))


def served_map(m: folium.Map) -> export.MapDocument:
    """The map's document, loading Leaflet from this app (to keep and serve many times)."""
    return export.served_document(m, asset_url=ASSET_URL)


def map_document_response(document: export.MapDocument) -> Response:
    """A map document as a framed response, its policy naming the document's scripts."""
    g.map_frame = True
    g.script_hashes = document.script_hashes
    return Response(document.html, mimetype="text/html")


def map_response(m: folium.Map) -> Response:
    """The map as a framed document: framed by our own pages only, inline styles allowed
    (see :mod:`graph_service.web.headers`). Without tiles, with the loaded areas it shows."""
    if tiles() == "none":
        outline_areas(m, areas_in_view(getattr(m, "gs_bounds", None)))
    return map_document_response(served_map(m))


def areas_in_view(bounds) -> gpd.GeoDataFrame:
    """The loaded areas that meet ``bounds`` (west, south, east, north in degrees), below the
    force (its boundary holds every view)."""
    from shapely.geometry import box

    from graph_service.web.hotspots_layers import loaded_areas

    view = None if bounds is None else box(*bounds)
    shown = [a for a in loaded_areas() if a.level != "force" and (view is None or a.geometry.intersects(view))]
    if not shown:
        return gpd.GeoDataFrame(geometry=[], crs=4326)
    return gpd.GeoDataFrame({"area_id": [a.area_id for a in shown]}, geometry=[a.geometry for a in shown], crs=4326)


def empty_map_response(message: str) -> Response:
    """A framed document saying there is nothing to map (same headers as a map)."""
    g.map_frame = True
    return Response(f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Map</title></head>'
                    f'<body><p>{html.escape(message)}</p></body></html>', mimetype="text/html")


def tiles() -> str:
    return current_app.config["SETTINGS"].tiles


def locations_map(places: list[dict], title: str) -> folium.Map | None:
    """Places (``location_id``, ``name``, ``category``, ``lat``, ``lon``, optional counts) on a
    map, one layer per category; None when none of them has coordinates."""
    placed = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not placed:
        return None
    frame = gpd.GeoDataFrame(
        [{k: v for k, v in p.items() if k not in ("lat", "lon")} for p in placed],
        geometry=gpd.points_from_xy([p["lon"] for p in placed], [p["lat"] for p in placed]), crs=4326,
    )
    m = base_map(bounds_of(frame), tiles=tiles(), title=title)
    add_locations(m, frame, prefix="Linked locations")
    return add_layer_control(m)
