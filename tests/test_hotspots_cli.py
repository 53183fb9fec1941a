"""``graph-service hotspots`` on an analyst's own files: points and areas, maps, clear errors."""

from __future__ import annotations

import json
import shutil

import esda
import geopandas as gpd
import libpysal
import numpy as np
import pandas as pd
import pytest

from graph_service.analysis import hotspots as hs

COLUMBUS = libpysal.examples.get_path("columbus.shp")
JUVENILE = libpysal.examples.get_path("juvenile.shp")


@pytest.fixture
def points_csv(tmp_path):
    rng = np.random.default_rng(9)
    spread = pd.DataFrame({"lat": 53.47 + rng.uniform(0, 0.04, 500), "lon": -2.27 + rng.uniform(0, 0.06, 500)})
    hot = pd.DataFrame({"lat": 53.49 + rng.normal(0, 0.0006, 80), "lon": -2.24 + rng.normal(0, 0.0009, 80)})
    frame = pd.concat([spread, hot], ignore_index=True).round(6)
    frame["weight"] = rng.choice([0.5, 1.0, 2.0], len(frame))
    path = tmp_path / "points.csv"
    frame.to_csv(path, index=False)
    return path, frame


def test_polygons_keep_every_column_and_z_equals_esda_on_columbus(cli, tmp_path):
    out = tmp_path / "columbus.geojson"
    done = cli("hotspots", "--polygons", COLUMBUS, "--value", "CRIME", "--weights", "queen", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "states no coordinate reference system" in done.stderr
    source = gpd.read_file(COLUMBUS)
    result = gpd.read_file(out)
    assert list(result.columns) == [*source.columns[:-1], "gi_z", "p", "p_fdr", "hotspot_class", "geometry"]
    pd.testing.assert_frame_equal(pd.DataFrame(result[source.columns[:-1]]), pd.DataFrame(source[source.columns[:-1]]),
                                  check_dtype=False)
    expected = esda.G_Local(source["CRIME"], libpysal.weights.Queen.from_dataframe(source, use_index=False),
                            transform="B", star=True).Zs
    np.testing.assert_allclose(result["gi_z"], expected, rtol=1e-9)
    assert set(result["hotspot_class"]) <= set(hs.CLASSES)


def test_polygons_with_knn_weights_and_a_map(cli, tmp_path):
    out, page = tmp_path / "c.geojson", tmp_path / "c.html"
    done = cli("hotspots", "--polygons", COLUMBUS, "--value", "CRIME", "--weights", "knn:6", "--crs", "EPSG:4326",
               "--out", str(out), "--map", str(page), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    source = gpd.read_file(COLUMBUS)
    expected = esda.G_Local(source["CRIME"], libpysal.weights.KNN.from_dataframe(source, k=6), transform="B", star=True)
    assert np.allclose(gpd.read_file(out)["gi_z"], expected.Zs)
    assert sum(summary["classes"].values()) == 49 and summary["weights"] == "knn:6"
    html = page.read_text()
    assert "Leaflet 1.9.4" in html and "<script src=" not in html and "Hot spot, 95% confidence" in html


def test_points_from_csv_with_weights(cli, tmp_path, points_csv):
    path, frame = points_csv
    out, page = tmp_path / "cells.geojson", tmp_path / "cells.html"
    done = cli("hotspots", "--points", str(path), "--weight", "weight", "--cell", "200", "--out", str(out),
               "--map", str(page))
    assert done.returncode == 0, done.stderr
    cells = gpd.read_file(out)
    assert cells.crs.to_epsg() == 4326
    assert cells["count"].sum() == len(frame) and cells["value"].sum() == pytest.approx(frame["weight"].sum())
    hot = cells[cells["hotspot_class"] == "hot_99"].to_crs(hs.BNG)
    centre = gpd.GeoSeries(gpd.points_from_xy([-2.24], [53.49]), crs=4326).to_crs(hs.BNG).iloc[0]
    assert len(hot) and hot.distance(centre).max() < 500
    assert "Heat (kernel density, 300 m)" in page.read_text()


def test_a_geopackage_out_holds_the_geojson_cells_and_figures(cli, tmp_path, points_csv):
    path, _ = points_csv
    geojson, gpkg = tmp_path / "cells.geojson", tmp_path / "cells.gpkg"
    for out in (geojson, gpkg):
        done = cli("hotspots", "--points", str(path), "--cell", "200", "--out", str(out))
        assert done.returncode == 0, done.stderr
    assert gpd.list_layers(gpkg)["name"].tolist() == ["hotspots"]
    expected, written = gpd.read_file(geojson), gpd.read_file(gpkg, layer="hotspots")
    assert written.crs.to_epsg() == 4326
    assert list(written.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(pd.DataFrame(written.drop(columns="geometry")),
                                  pd.DataFrame(expected.drop(columns="geometry")), check_dtype=False)
    assert written.geometry.geom_equals_exact(expected.geometry, tolerance=1e-9).all()
    # --format says it whatever the name
    named = tmp_path / "cells.layer"
    assert cli("hotspots", "--points", str(path), "--cell", "200", "--format", "gpkg", "--out", str(named)).returncode == 0
    with pytest.warns(RuntimeWarning, match="non conformant file extension"):  # GDAL's note on the name
        assert len(gpd.read_file(named, layer="hotspots")) == len(expected)


def test_points_from_geojson_in_hexagons(cli, tmp_path, points_csv):
    _, frame = points_csv
    geojson = tmp_path / "points.geojson"
    hs.points_from_lonlat(frame).to_file(geojson, driver="GeoJSON")
    out = tmp_path / "hex.geojson"
    done = cli("hotspots", "--points", str(geojson), "--shape", "hex", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    cells = gpd.read_file(out)
    assert cells["cell_id"].str.startswith("hex250m-").all()
    assert (cells.geometry.apply(lambda g: len(g.exterior.coords)) == 7).all()
    assert json.loads(done.stdout)["events"] == len(frame)


def test_a_shapefile_without_a_crs_needs_one(cli, tmp_path):
    done = cli("hotspots", "--points", JUVENILE, "--out", str(tmp_path / "j.geojson"))
    assert done.returncode == 1
    assert "juvenile.shp: no coordinate reference system is stated" in done.stderr and "--crs" in done.stderr
    done = cli("hotspots", "--points", JUVENILE, "--crs", "EPSG:27700", "--cell", "10",
               "--out", str(tmp_path / "j.geojson"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["events"] == 168


@pytest.mark.parametrize("content, message", [
    ("lat,lon\n53.4,-2.2\n53.5,abc\n", "points.csv:3: lon: 'abc' is not a number"),
    ("lat,lon\n53.4,-2.2\n,-2.2\n", "points.csv:3: lat: is empty"),
    ("lat,lon\n", "points.csv: no points"),
    ("latitude,longitude\n53.4,-2.2\n", "points.csv: no 'lat' column (columns: latitude, longitude)"),
    ("lat,lon,w\n53.4,-2.2,1\n53.4,-2.2,-3\n", "points.csv:3: w: -3 is below zero"),
    ("lat,lon\n-2.2,53.4\n", "points.csv:2: 1 point(s) lie outside Great Britain"),
])
def test_bad_points_are_reported_with_file_line_and_field(cli, tmp_path, content, message):
    (tmp_path / "points.csv").write_text(content)
    out = tmp_path / "out.geojson"
    out.write_text("the previous, good result")
    extra = ["--weight", "w"] if ",w" in content else []
    done = cli("hotspots", "--points", str(tmp_path / "points.csv"), *extra, "--out", str(out))
    assert done.returncode == 1
    assert message in done.stderr
    assert out.read_text() == "the previous, good result"  # nothing half-written


def test_bad_areas_are_reported_with_feature_and_field(cli, tmp_path):
    areas = gpd.read_file(COLUMBUS).set_crs(4326, allow_override=True)
    broken = areas.astype({"CRIME": object})
    broken.loc[2, "CRIME"] = "lots"
    broken.to_file(tmp_path / "broken.geojson", driver="GeoJSON")
    done = cli("hotspots", "--polygons", str(tmp_path / "broken.geojson"), "--value", "CRIME",
               "--out", str(tmp_path / "o.geojson"))
    assert done.returncode == 1 and "broken.geojson: feature 3: CRIME: 'lots' is not a number" in done.stderr

    done = cli("hotspots", "--polygons", COLUMBUS, "--value", "ROBBERY", "--out", str(tmp_path / "o.geojson"))
    assert done.returncode == 1 and "columbus.shp: no 'ROBBERY' column (columns: AREA, PERIMETER" in done.stderr

    areas.iloc[:2].to_file(tmp_path / "two.geojson", driver="GeoJSON")
    done = cli("hotspots", "--polygons", str(tmp_path / "two.geojson"), "--value", "CRIME",
               "--out", str(tmp_path / "o.geojson"))
    assert done.returncode == 1 and "two.geojson: 2 area(s): Gi* needs at least 3 areas" in done.stderr

    areas.iloc[0:0].to_file(tmp_path / "none.geojson", driver="GeoJSON")
    done = cli("hotspots", "--polygons", str(tmp_path / "none.geojson"), "--value", "CRIME",
               "--out", str(tmp_path / "o.geojson"))
    assert done.returncode == 1 and "none.geojson: no areas in the file" in done.stderr

    done = cli("hotspots", "--polygons", COLUMBUS, "--value", "CRIME", "--map", str(tmp_path / "m.html"),
               "--out", str(tmp_path / "o.geojson"))
    assert done.returncode == 1 and "no coordinate reference system is stated" in done.stderr
    assert not (tmp_path / "o.geojson").exists() and not (tmp_path / "m.html").exists()


def test_a_stated_crs_that_disagrees_with_the_file_is_refused(cli, tmp_path):
    shutil.copy(JUVENILE, tmp_path / "j.shp")
    for suffix in (".shx", ".dbf"):
        shutil.copy(JUVENILE.replace(".shp", suffix), tmp_path / f"j{suffix}")
    (tmp_path / "j.prj").write_text(gpd.GeoSeries([], crs=27700).crs.to_wkt("WKT1_ESRI"))
    done = cli("hotspots", "--points", str(tmp_path / "j.shp"), "--crs", "EPSG:4326", "--out", str(tmp_path / "o.json"))
    assert done.returncode == 1 and "--crs EPSG:4326 disagrees" in done.stderr


@pytest.mark.parametrize("args, message", [
    (["--points", "a.csv", "--polygons", "b.shp"], "give --points or --polygons, not both"),
    (["--value", "CRIME"], "--value goes with --polygons"),
    (["--polygons", "b.shp"], "--polygons needs --value COLUMN"),
    (["--points", "a.csv", "--from", "2026-01-01"], "do not apply to --points/--polygons"),
    (["--weight", "w"], "--weight goes with --points"),
])
def test_options_that_do_not_go_together(cli, tmp_path, args, message):
    done = cli("hotspots", *args, "--out", str(tmp_path / "o.geojson"))
    assert done.returncode == 2 and message in done.stderr
