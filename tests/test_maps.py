"""Map builders and export: layers, legends, escaping, tiles setting, and no CDN anywhere."""

from __future__ import annotations

import re

import folium
import folium.plugins
import numpy as np
import pandas as pd
import pytest

import maps
from graph_service.analysis import hotspots as hs
from maps import export
from maps.assets import ASSET_DIR, AssetNotVendored

BOUNDS = (-2.30, 53.45, -2.20, 53.50)  # west, south, east, north


def lonlat_points(rng, n, lon, lat, spread, **columns):
    frame = pd.DataFrame({"lon": lon + rng.normal(0, spread, n), "lat": lat + rng.normal(0, spread, n), **columns})
    return hs.points_from_lonlat(frame)


@pytest.fixture(scope="module")
def events():
    rng = np.random.default_rng(4)
    spread = lonlat_points(rng, 600, -2.25, 53.475, 0.02, kind="sighting", location_id="L1", category="park")
    hot = lonlat_points(rng, 120, -2.24, 53.48, 0.0008, kind="missing", location_id="L2", category="hotel")
    return pd.concat([spread, hot], ignore_index=True)


@pytest.fixture(scope="module")
def cells(events):
    return hs.grid_hotspots(events, cell_size=250)


def walk(element):
    yield element
    for child in element._children.values():
        yield from walk(child)


def scripts_and_links(page: str) -> list[str]:
    return re.findall(r"<script[^>]*\bsrc=[^>]*>|<link[^>]*\bhref=[^>]*>", page, re.IGNORECASE)


def test_standalone_page_inlines_leaflet_and_its_images(cells):
    page = export.standalone_html(maps.hotspot_map(cells, tiles="none"))
    assert scripts_and_links(page) == []
    assert "Leaflet 1.9.4" in page and ".leaflet-control-layers-toggle" in page
    assert "url(images/" not in page and "url(data:image/png;base64," in page
    assert not any(host in page for host in export.CDN_HOSTS)
    assert "sourceMappingURL" not in page


def test_served_page_loads_the_apps_own_assets(cells):
    page = export.served_html(maps.hotspot_map(cells, tiles="none"), asset_url="/static/maps/")
    assert scripts_and_links(page) == [
        '<script src="/static/maps/leaflet/leaflet.js">',
        '<link rel="stylesheet" href="/static/maps/leaflet/leaflet.css"/>',
    ]
    assert "Leaflet 1.9.4" not in page
    for relative in ("leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images/layers.png"):
        assert (ASSET_DIR / relative).is_file()
    with pytest.raises(AssetNotVendored):
        export.served_html(maps.hotspot_map(cells, tiles="none"), asset_url="https://cdn.example.org/")


def test_export_leaves_the_map_as_it_was(cells):
    m = maps.hotspot_map(cells, tiles="none")
    for _ in range(2):
        page = export.standalone_html(m)
        assert page.count("Leaflet 1.9.4") == 1 and scripts_and_links(page) == []
        assert page.index("Leaflet 1.9.4") < page.index("L_NO_TOUCH")  # Leaflet first in the head
    assert m.default_js == [("leaflet", "leaflet/leaflet.js")]
    served = export.served_html(m)
    assert "Leaflet 1.9.4" not in served and len(scripts_and_links(served)) == 2


def test_a_map_that_would_load_from_a_cdn_is_refused(cells):
    with pytest.raises(AssetNotVendored, match="jsdelivr"):
        export.standalone_html(folium.Map(tiles=None))
    m = maps.base_map(BOUNDS, tiles="none")
    folium.plugins.HeatMap([[53.47, -2.25]]).add_to(m)
    with pytest.raises(AssetNotVendored, match="HeatMap loads leaflet-heat.js"):
        export.standalone_html(m)


def test_tiles_are_the_callers_choice_never_a_setting_read_by_the_map(monkeypatch):
    osm = export.standalone_html(maps.base_map(BOUNDS, tiles="osm"))
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in osm
    assert "openstreetmap.org/copyright" in osm and '"attribution"' in osm
    closed = export.standalone_html(maps.base_map(BOUNDS, tiles="none"))
    assert "tile.openstreetmap.org" not in closed
    assert '"dashArray": "6 4"' in closed  # the boundary outline drawn instead
    # The setting reaches a map through its caller (dashboard, command line), which passes it.
    monkeypatch.setenv("GRAPH_SERVICE_TILES", "none")
    assert "tile.openstreetmap.org" in export.standalone_html(maps.base_map(BOUNDS))


def test_hotspot_layer_draws_significant_cells_in_their_class_colour(cells):
    m = maps.hotspot_map(cells, tiles="none")
    layers = [e for e in walk(m) if isinstance(e, folium.GeoJson) and e.layer_name == "Hot spots (Getis-Ord Gi*)"]
    assert len(layers) == 1
    features = layers[0].data["features"]
    significant = cells[cells["hotspot_class"] != "not_significant"]
    assert len(features) == len(significant) > 0
    for feature in features:
        style = layers[0].style_function(feature)
        assert style["fillColor"] == maps.style.CLASS_COLOURS[feature["properties"]["hotspot_class"]]
    page = export.standalone_html(m)
    for label in ("Hot spot, 99% confidence", "Cold spot, 90% confidence", "false-discovery-rate"):
        assert label in page


def test_found_and_location_layers_aggregate_and_split_by_category(events):
    m = maps.base_map(BOUNDS, tiles="none")
    maps.add_found_locations(m, events.assign(location_id=[f"L{i % 3}" for i in range(len(events))]))
    groups = {e.layer_name: e for e in walk(m) if isinstance(e, folium.FeatureGroup)}
    circles = [c for c in walk(groups["Found after missing"]) if isinstance(c, folium.CircleMarker)]
    assert len(circles) == (events["kind"] == "missing").sum()  # each event its own place here
    locations = hs.points_from_lonlat(pd.DataFrame({
        "location_id": ["H1", "H2", "T1"], "name": ["Hotel one", "Hotel two", "Rank"],
        "category": ["hotel", "hotel", "taxi_rank"], "lat": [53.47, 53.48, 53.49], "lon": [-2.25, -2.24, -2.23],
        "missing_found": [2, 0, 0], "sightings": [0, 5, 1],
    }))
    maps.add_locations(m, locations)
    groups = {e.layer_name: e for e in walk(m) if isinstance(e, folium.FeatureGroup)}
    assert sum(isinstance(c, folium.CircleMarker) for c in walk(groups["Locations: Hotel"])) == 2
    assert sum(isinstance(c, folium.CircleMarker) for c in walk(groups["Locations: Taxi rank"])) == 1
    page = export.standalone_html(m)
    assert "found after missing: 2" in page and "sightings: 5" in page


def test_text_from_records_cannot_inject_markup_or_script():
    name = "<img src=x onerror=alert(1)> `${alert(2)}`"
    locations = hs.points_from_lonlat(pd.DataFrame({
        "location_id": ["X1"], "name": [name], "category": ["hotel"], "lat": [53.47], "lon": [-2.25]}))
    m = maps.add_locations(maps.base_map(BOUNDS, tiles="none"), locations)
    maps.add_networks(m, [{"person_id": "P<b>1", "network_id": "7`"}], pd.DataFrame(
        {"person_id": ["P<b>1"], "lat": [53.47], "lon": [-2.25]}))
    page = export.standalone_html(m)
    assert "<img src=x" not in page and "${alert" not in page and "P<b>1" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_networks_are_coloured_and_layered_per_network():
    members = [{"person_id": p, "network_id": n} for p, n in
               [("A", 1), ("B", 1), ("C", 1), ("D", 2), ("E", 2), ("F", 2)]]
    places = pd.DataFrame({"person_id": ["A", "B", "C", "D", "E"],  # F has no known place
                           "lat": [53.47, 53.47, 53.48, 53.49, 53.46], "lon": [-2.25, -2.25, -2.24, -2.23, -2.22]})
    ties = [("A", "B"), ("B", "C"), ("D", "E"), ("C", "D"), ("E", "F")]
    m = maps.network_map(members, places, ties, tiles="none")
    groups = {e.layer_name: e for e in walk(m) if isinstance(e, folium.FeatureGroup)}
    assert set(groups) == {"Network 1", "Network 2", "Ties between networks"}

    def drawn(group, kind):
        return [e for e in walk(groups[group]) if type(e) is kind]

    assert len(drawn("Network 1", folium.CircleMarker)) == 3
    assert len(drawn("Network 2", folium.CircleMarker)) == 2
    assert len(drawn("Network 1", folium.PolyLine)) == 2 and len(drawn("Network 2", folium.PolyLine)) == 1
    assert len(drawn("Ties between networks", folium.PolyLine)) == 1  # E-F is left out: F has no place
    colours = {g: {c.options["fillColor"] for c in drawn(g, folium.CircleMarker)} for g in ("Network 1", "Network 2")}
    assert len(colours["Network 1"]) == len(colours["Network 2"]) == 1 and colours["Network 1"] != colours["Network 2"]
    # A and B share a place; both stay visible.
    spots = [tuple(c.location) for c in drawn("Network 1", folium.CircleMarker)]
    assert len(set(spots)) == 3


def test_network_ties_may_come_as_a_networkx_graph_and_places_may_be_empty():
    import networkx as nx

    graph = nx.Graph([("A", "B")])
    m = maps.network_map([{"person_id": "A", "network_id": 3}, {"person_id": "B", "network_id": 3}],
                         pd.DataFrame({"person_id": ["A", "B"], "lat": [53.4, 53.5], "lon": [-2.2, -2.3]}), graph,
                         tiles="none")
    assert sum(isinstance(e, folium.PolyLine) for e in walk(m)) == 1
    with pytest.raises(ValueError, match="nothing to map"):
        maps.network_map([{"person_id": "A", "network_id": 3}], [], tiles="none")


def test_heat_layer_is_an_inline_image_over_the_density_extent(events):
    density = hs.KernelDensity(events, bandwidth=300)
    m = maps.add_heat(maps.base_map(BOUNDS, tiles="none"), density)
    overlays = [e for e in walk(m) if isinstance(e, folium.raster_layers.ImageOverlay)]
    assert len(overlays) == 1
    (south, west), (north, east) = overlays[0].bounds
    lon, lat = events.geometry.x, events.geometry.y
    assert west < lon.min() and east > lon.max() and south < lat.min() and north > lat.max()
    assert overlays[0].url.startswith("data:image/png;base64,")


def test_networks_are_listed_in_number_order_not_as_text():
    members = [{"person_id": f"P{n}", "network_id": n} for n in (15, 2, 1, 17)]
    places = pd.DataFrame({"person_id": [f"P{n}" for n in (15, 2, 1, 17)], "lat": [53.47] * 4, "lon": [-2.25] * 4})
    m = maps.network_map(members, places, tiles="none")
    names = [e.layer_name for e in walk(m) if isinstance(e, folium.FeatureGroup)]
    assert names == ["Network 1", "Network 2", "Network 15", "Network 17"]
