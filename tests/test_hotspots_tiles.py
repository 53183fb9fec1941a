"""Map backgrounds: GRAPH_SERVICE_TILES takes osm, none, or a force's own tile server as
``URL|ATTRIBUTION`` (checked, with a clear error); with none, maps draw area boundaries; and in
real headless Chromium no legend ever covers the layer control."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box
from test_maps_browser import full_map, make_layers

import maps
from graph_service import settings as service_settings
from graph_service.settings import SettingsError, tile_origin, tile_source
from graph_service.web.headers import policy
from maps import export
from maps.base import outline_areas

FORCE_TILES = "https://tiles.force.example/osgb/{z}/{x}/{y}.png|© Kennet Vale Police <mapping> & OS"
BOUNDS = (-2.26, 53.46, -2.22, 53.49)


def test_a_tile_url_template_with_its_attribution_is_a_setting():
    loaded = service_settings.load({"GRAPH_SERVICE_TILES": f"  {FORCE_TILES} "})
    assert loaded.tiles == FORCE_TILES  # as given: a URL is not lower-cased
    assert tile_source(loaded.tiles) == ("https://tiles.force.example/osgb/{z}/{x}/{y}.png",
                                         "© Kennet Vale Police <mapping> & OS")
    assert service_settings.load({"GRAPH_SERVICE_TILES": "NONE"}).tiles == "none"
    assert service_settings.load({}).tiles == "osm"
    assert tile_origin(FORCE_TILES) == "https://tiles.force.example"
    assert tile_origin("https://{s}.tiles.example/{z}/{x}/{-y}.png|© Example") == "https://*.tiles.example"
    assert tile_origin("none") == ""


@pytest.mark.parametrize("value, reason", [
    ("satellite", "no '|' before an attribution"),
    ("https://tiles.example/{z}/{x}/{y}.png", "no '|' before an attribution"),
    ("ftp://tiles.example/{z}/{x}/{y}.png|© Example", "must start with https://"),
    ("tiles.example/{z}/{x}/{y}.png|© Example", "must start with https://"),
    ("https://tiles.example/{z}/{x}.png|© Example", "no {y}"),
    ("https://tiles.example/{x}/{y}.png|© Example", "no {z}"),
    ("https://tiles.example/{z}/{x}/{y}.png?key={apikey}|© Example", "{apikey}"),
    ("https://tiles.example/{z}/{x}/{y.png|© Example", "stray brace"),
    ('https://tiles.example/{z}/{x}/{y}.png"onload=x|© Example', "a quote"),
    ("https://tiles.example/{z} /{x}/{y}.png|© Example", "a space"),
    ("https://tiles.example/{z}/{x}/{y}.png|", "attribution after '|' is empty"),
    ("https://tiles.example/{z}/{x}/{y}.png|© Ex\u202eample", "control or invisible character"),
    ("https://tiles.example/{z}/{x}/{y}.png|" + "x" * 201, "at most 200"),
    ("https://tiles.example/{s}/{z}/{x}/{y}.png|© Example", "{s} (a subdomain) belongs in the server name"),
])
def test_a_tile_setting_that_cannot_be_used_is_refused_saying_why_and_how(value, reason):
    with pytest.raises(SettingsError) as refused:
        service_settings.load({"GRAPH_SERVICE_TILES": value})
    message = str(refused.value)
    assert message.startswith("GRAPH_SERVICE_TILES=") and reason in message
    assert "e.g. https://tiles.example/{z}/{x}/{y}.png|© Example" in message


def test_a_forces_tile_server_draws_the_map_with_its_attribution_as_text():
    page = export.standalone_html(maps.base_map(BOUNDS, tiles=FORCE_TILES))
    assert "https://tiles.force.example/osgb/{z}/{x}/{y}.png" in page
    # Escaped as text for Leaflet (which shows an attribution as HTML), then as JSON in the script.
    assert r"Kennet Vale Police \u0026lt;mapping\u0026gt; \u0026amp; OS" in page and "<mapping>" not in page
    assert "img-src data: https://tiles.force.example;" in page  # the exported file's own policy
    assert "openstreetmap" not in page
    # The dashboard's pages may load images from it, and from nowhere else.
    rules = policy(FORCE_TILES, "n", frame=True)
    assert "img-src 'self' data: https://tiles.force.example;" in rules and "openstreetmap" not in rules
    with pytest.raises(ValueError, match="no {y}"):
        maps.base_map(BOUNDS, tiles="https://tiles.example/{z}/{x}.png|© Example")


def test_with_no_tiles_maps_draw_the_area_boundaries():
    wards = gpd.GeoDataFrame({"name": ["West", "East"]}, geometry=[box(-2.26, 53.46, -2.24, 53.49),
                                                                 box(-2.24, 53.46, -2.22, 53.49)], crs=4326)
    m = maps.base_map(BOUNDS, tiles="none", outline=wards)
    page = export.standalone_html(maps.add_layer_control(m))
    assert "Area boundaries" in page and "-2.24" in page and "L.tileLayer(" not in page
    # A map made without them (a person's places) gets them in place of its rectangle.
    plain = maps.base_map(BOUNDS, tiles="none")
    assert plain.gs_study_frame is not None
    outline_areas(plain, wards)
    assert plain.gs_study_frame is None and plain.gs_outlined
    assert sum(1 for child in plain._children.values() if type(child).__name__ == "GeoJson") == 1


def _overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1200, 900), (900, 560), (700, 480), (480, 640), (360, 640)])
def test_no_legend_covers_the_layer_control(browser, tmp_path, width, height):
    """The dashboard's map frame at its sizes, a narrow screen too: the layer control (every
    layer, open as when pointed at) and the legends never overlap."""
    layers = make_layers()
    wards = gpd.GeoDataFrame(geometry=[box(-2.30, 53.44, -2.20, 53.50)], crs=4326)
    m = full_map(layers)
    outline_areas(m, wards)
    path = tmp_path / "map.html"
    export.save(m, path)
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".leaflet-control-layers")
        page.locator(".leaflet-control-layers").hover()  # open, as when someone points at it
        page.wait_for_selector(".leaflet-control-layers-expanded")
        control = page.locator(".leaflet-control-layers").bounding_box()
        legends = [legend.bounding_box() for legend in page.locator(".gs-legend").all()]
        assert len(legends) >= 2
        for legend in legends:
            assert not _overlap(control, legend), (control, legend)
        for a, b in zip(legends, legends[1:], strict=False):  # stacked, not on top of each other
            assert not _overlap(a, b), (a, b)
        assert control["y"] + control["height"] <= height and control["x"] + control["width"] <= width
    finally:
        page.close()
