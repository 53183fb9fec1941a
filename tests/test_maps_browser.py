"""Exported maps in real headless Chromium: every layer renders, nothing leaves file://."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import maps
from graph_service.analysis import hotspots as hs
from maps import export
from maps.assets import ASSET_DIR

pytestmark = pytest.mark.browser



def lonlat(rng, n, lon, lat, spread, **columns):
    return hs.points_from_lonlat(pd.DataFrame({"lon": lon + rng.normal(0, spread, n),
                                               "lat": lat + rng.normal(0, spread, n), **columns}))


@pytest.fixture(scope="module")
def layers():
    return make_layers()


def make_layers() -> dict:
    """Two windows of events (a hot spot that appears), locations and two networks."""
    rng = np.random.default_rng(12)
    before = pd.concat([lonlat(rng, 400, -2.25, 53.475, 0.02, kind="sighting", location_id="X", category="shop")])
    now = pd.concat([lonlat(rng, 400, -2.25, 53.475, 0.02, kind="sighting", location_id="X", category="shop"),
                     lonlat(rng, 90, -2.24, 53.48, 0.0007, kind="missing", location_id="H1", category="hotel")],
                    ignore_index=True)
    # events at a location share its coordinates
    now.loc[now["kind"] == "missing", "geometry"] = now.loc[now["kind"] == "missing", "geometry"].iloc[0]
    cells = hs.EmergingHotspots(now, before, cell_size=250).frame
    locations = hs.points_from_lonlat(pd.DataFrame({
        "location_id": ["H1", "T1", "P1"], "name": ["Station Hotel", "Rank <One>", "River Park"],
        "category": ["hotel", "taxi_rank", "park"], "lat": [53.48, 53.47, 53.46], "lon": [-2.24, -2.26, -2.25],
        "missing_found": [90, 0, 0], "sightings": [0, 3, 1]}))
    members = [{"person_id": p, "network_id": n} for p, n in [("P1", 1), ("P2", 1), ("P3", 2), ("P4", 2)]]
    places = pd.DataFrame({"person_id": ["P1", "P2", "P3", "P4"], "lat": [53.48, 53.47, 53.46, 53.465],
                           "lon": [-2.24, -2.26, -2.25, -2.23]})
    ties = [("P1", "P2"), ("P3", "P4"), ("P2", "P3")]
    return {"cells": cells, "events": now, "locations": locations, "members": members, "places": places, "ties": ties}


def full_map(layers):
    m = maps.hotspot_map(layers["cells"], density=hs.KernelDensity(layers["events"], bandwidth=250),
                         found=layers["events"], locations=layers["locations"], tiles="none")
    maps.add_networks(m, layers["members"], layers["places"], layers["ties"])
    return m


def open_map(browser, path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, requests = [], []
    page.on("console", lambda message: problems.append(message.text) if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    page.locator(".leaflet-control-layers").hover()  # folded to its button until pointed at
    page.wait_for_function("document.querySelector('img.leaflet-image-layer') && "
                           "document.querySelector('img.leaflet-image-layer').complete")
    return page, problems, requests


def overlay_names(page):
    return [t.strip() for t in page.locator(".leaflet-control-layers-overlays label").all_inner_texts()]


def test_the_exported_map_renders_every_layer_offline(browser, tmp_path, layers):
    path = tmp_path / "map.html"
    export.save(full_map(layers), path)
    page, problems, requests = open_map(browser, path)
    assert problems == []
    assert {url.split(":", 1)[0] for url in requests} <= {"file", "data"}

    cells = layers["cells"]
    significant = int((cells["hotspot_class"] != "not_significant").sum())
    trending = int(cells["trend"].isin(["new", "intensifying"]).sum())
    found_places = 1
    expected_paths = significant + trending + found_places + 4 + 3  # + members, ties (the locations are off)
    assert significant > 0 and trending > 0
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == expected_paths
    heat = page.locator("img.leaflet-image-layer")
    assert heat.count() == 1 and heat.evaluate("img => img.naturalWidth") > 0
    assert overlay_names(page) == [
        "Heat (kernel density, 250 m)", "Hot spots (Getis-Ord Gi*)", "Emerging hot spots", "Found after missing",
        "Locations: Hotel", "Locations: Taxi rank", "Locations: Park", "Network 1", "Network 2",
        "Ties between networks"]
    legends = page.locator(".gs-legend").all_inner_texts()
    assert any("Hot spot, 99% confidence" in text and "Newly hot this window" in text for text in legends)
    assert not any("Taxi rank" in text for text in legends)  # the locations are off, and so is their legend
    # the hot cells carry their class colour as drawn
    fills = page.locator(".leaflet-overlay-pane path.leaflet-interactive").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))")
    assert maps.style.CLASS_COLOURS["hot_99"] in fills


def test_switching_a_layer_off_removes_its_shapes(browser, tmp_path, layers):
    path = tmp_path / "map.html"
    export.save(full_map(layers), path)
    page, problems, _ = open_map(browser, path)
    shapes = page.locator(".leaflet-overlay-pane path.leaflet-interactive")
    before = shapes.count()
    significant = int((layers["cells"]["hotspot_class"] != "not_significant").sum())
    page.locator(".leaflet-control-layers-overlays label", has_text="Hot spots (Getis-Ord Gi*)").locator("input").click()
    assert shapes.count() == before - significant
    page.locator(".leaflet-control-layers-overlays label", has_text="Heat").locator("input").click()
    assert page.locator("img.leaflet-image-layer").count() == 0
    # The locations are off when a hot spot map opens (drawn over the cells, they hid them).
    hotels = int((layers["locations"]["category"] == "hotel").sum())
    page.locator(".leaflet-control-layers-overlays label", has_text="Locations: Hotel").locator("input").click()
    assert shapes.count() == before - significant + hotels and hotels > 0
    assert problems == []


def test_a_tooltip_shows_escaped_text(browser, tmp_path, layers):
    path = tmp_path / "map.html"
    m = maps.add_locations(maps.base_map((-2.30, 53.45, -2.20, 53.50), tiles="none"), layers["locations"])
    export.save(maps.add_layer_control(m), path)
    page, problems = open_map_without_heat(browser, path)
    taxi = maps.style.CATEGORY_COLOURS["taxi_rank"]
    page.locator(f".leaflet-overlay-pane path[fill='{taxi}']").hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert "Rank <One>" in tooltip.inner_text() and "sightings: 3" in tooltip.inner_text()
    assert problems == []


def open_map_without_heat(browser, path):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-control-layers")
    return page, problems


def test_the_served_page_works_with_the_vendored_files(browser, tmp_path, layers):
    path = tmp_path / "served.html"
    m = maps.network_map(layers["members"], layers["places"], layers["ties"], tiles="none")
    path.write_text(export.served_html(m, asset_url=ASSET_DIR.as_uri() + "/"), encoding="utf-8")
    page, problems = open_map_without_heat(browser, path)
    assert page.evaluate("L.version") == "1.9.4"
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 4 + 3
    assert overlay_names(page) == ["Network 1", "Network 2", "Ties between networks"]
    # The layer control's icon comes from the vendored images, as the stylesheet names them.
    toggle = page.evaluate("getComputedStyle(document.querySelector('.leaflet-control-layers-toggle')).backgroundImage")
    assert toggle.startswith('url("file://') and "maps/static/leaflet/images/layers.png" in toggle
    assert problems == []
