"""Maps for analysts and MACSE meetings, built with folium and served without any CDN.

An example (``cells``, ``kde``, ``events`` and ``locations`` come from the hot-spot analysis;
``tests/test_maps*.py`` build real ones)::

    m = hotspot_map(cells, density=kde, found=events, locations=locations)
    html = maps.export.standalone_html(m)

Builders return a :class:`folium.Map` with a layer control; :mod:`maps.layers` holds the
single layers to compose other maps, :mod:`maps.export` turns a map into a page.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import folium
import geopandas as gpd
import pandas as pd

from graph_service.analysis.hotspots import KernelDensity
from maps import export  # noqa: F401  (maps.export.standalone_html is part of the interface)
from maps.assets import ASSET_DIR
from maps.base import base_map, bounds_of
from maps.layers import add_found_locations, add_heat, add_hotspots, add_layer_control, add_locations, add_networks

__all__ = ["ASSET_DIR", "base_map", "hotspot_map", "network_map", "export",
           "add_hotspots", "add_heat", "add_found_locations", "add_locations", "add_networks", "add_layer_control"]


def hotspot_map(cells: gpd.GeoDataFrame, density: KernelDensity | None = None, found: gpd.GeoDataFrame | None = None,
                locations: gpd.GeoDataFrame | None = None, value: str = "count", value_label: str = "Events",
                tiles: str | None = None, boundary: gpd.GeoDataFrame | None = None,
                title: str = "Hot spots", name: str = "Hot spots (Getis-Ord Gi*)",
                focus: gpd.GeoDataFrame | None = None, outline: gpd.GeoDataFrame | None = None) -> folium.Map:
    """Hot spot cells with, when given, the heat surface, found-after-missing locations and
    locations of concern by category; a layer control switches each on and off. The locations
    are off when the map opens: the cells are what it is for, and a town's hundreds of places
    drawn over them hid them. The map opens
    on ``focus`` when given (e.g. the area chosen, or the cells of most concern), else on
    everything it shows. ``outline``: the boundaries of the areas the analysis ran in, drawn
    on every map (without tiles, they are the frame of reference)."""
    shown = cells[cells["hotspot_class"] != "not_significant"] if "hotspot_class" in cells else cells
    frame = shown if len(shown) else cells
    bounds = bounds_of(focus) if focus is not None and len(focus) else bounds_of(frame, found, locations)
    m = base_map(bounds, tiles=tiles, boundary=boundary, title=title, outline=outline)
    if density is not None:
        add_heat(m, density)
    add_hotspots(m, cells, value=value, value_label=value_label, name=name)
    if found is not None:
        add_found_locations(m, found)
    if locations is not None:
        add_locations(m, locations, shown=False)
    return add_layer_control(m)


def network_map(members: Iterable[Mapping] | pd.DataFrame, places: pd.DataFrame, ties: Iterable = (),
                locations: gpd.GeoDataFrame | None = None, tiles: str | None = None,
                boundary: gpd.GeoDataFrame | None = None, title: str = "Networks",
                focus: gpd.GeoDataFrame | None = None) -> folium.Map:
    """Networks on the map (see :func:`maps.layers.add_networks`), with locations of concern.
    The map opens on ``focus`` when given, else on everything it shows."""
    places = _frame(places, ["person_id", "lat", "lon"])
    members = _frame(members, ["person_id", "network_id"])
    placed = places[places["person_id"].astype(str).isin(members["person_id"].astype(str))]
    points = gpd.GeoDataFrame(placed, geometry=gpd.points_from_xy(placed["lon"], placed["lat"]), crs=4326)
    bounds = bounds_of(focus) if focus is not None and len(focus) else bounds_of(points, locations)
    m = base_map(bounds, tiles=tiles, boundary=boundary, title=title)
    if locations is not None:
        add_locations(m, locations)
    add_networks(m, members, places, ties)
    return add_layer_control(m)


def _frame(rows, columns: list[str]) -> pd.DataFrame:
    """Rows (records or a frame) as a frame that has at least ``columns``, even when empty."""
    frame = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for column in columns:
        if column not in frame.columns:
            if len(frame):
                raise ValueError(f"the rows have no {column!r} field")
            frame[column] = pd.Series(dtype=object)
    return frame
