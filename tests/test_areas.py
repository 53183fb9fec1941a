"""Areas: boundary files checked (all or nothing), stored, and every place joined to its areas."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
from ingest_files import write_jsonl
from shapely.geometry import Point, Polygon, box

from ingest import ingest_paths
from ingest.areas import AreaFileRejected, read_boundaries, store_areas

# Two hand-made wards side by side (degrees: 0.01 is about 700 m here) and a council over both.
WEST = box(-1.80, 51.50, -1.79, 51.51)
EAST = box(-1.79, 51.50, -1.78, 51.51)


def boundary_file(folder: Path, names: list, shapes: list, name: str = "wards.geojson", field: str = "WD_NAME",
                  crs: str | None = "EPSG:4326") -> Path:
    path = folder / name
    gpd.GeoDataFrame({field: names}, geometry=shapes, crs=crs).to_file(path)
    return path


def places(folder: Path, points: dict[str, tuple[float, float]], name: str = "location.jsonl") -> Path:
    return write_jsonl(folder / name, [
        {"type": "location", "location_id": lid, "name": lid, "category": "park", "lat": lat, "lon": lon}
        for lid, (lat, lon) in points.items()])


def links(db) -> set[tuple[str, str]]:
    return {(r["location_id"], r["area_id"]) for r in db.read_text(
        "MATCH (l:Location)-[:IN_AREA]->(a:Area) RETURN l.location_id AS location_id, a.area_id AS area_id")}


# -- reading and checking a file ------------------------------------------------------------

def test_a_geojson_of_wards_is_read_with_ids_names_and_level(tmp_path):
    areas = read_boundaries(boundary_file(tmp_path, ["West", "East"], [WEST, EAST]), "ward", "WD_NAME")
    assert list(areas["area_id"]) == ["ward:west", "ward:east"] and set(areas["level"]) == {"ward"}
    assert areas.crs.to_epsg() == 4326


def test_a_geopackage_in_british_national_grid_is_read_into_wgs84(tmp_path):
    grid = gpd.GeoSeries([WEST], crs="EPSG:4326").to_crs("EPSG:27700")
    path = boundary_file(tmp_path, ["West"], list(grid), name="wards.gpkg", crs="EPSG:27700")
    areas = read_boundaries(path, "ward", "WD_NAME")
    assert areas.crs.to_epsg() == 4326 and areas.geometry[0].buffer(1e-6).contains(WEST.centroid)


def test_a_shapefile_without_its_crs_is_refused_unless_given(tmp_path):
    path = boundary_file(tmp_path, ["West"], [WEST], name="wards.shp")
    path.with_suffix(".prj").unlink()
    with pytest.raises(AreaFileRejected) as refused:
        read_boundaries(path, "ward", "WD_NAME")
    assert str(refused.value.problems[0]).startswith("wards.shp: crs: the file states no coordinate reference system")
    assert read_boundaries(path, "ward", "WD_NAME", crs="EPSG:4326")["name"].tolist() == ["West"]


def problems(path: Path, level: str = "ward", field: str = "WD_NAME") -> list[str]:
    with pytest.raises(AreaFileRejected) as refused:
        read_boundaries(path, level, field)
    return [str(p) for p in refused.value.problems]


def test_a_self_intersecting_polygon_is_refused_naming_the_feature(tmp_path):
    bowtie = Polygon([(-1.80, 51.50), (-1.79, 51.51), (-1.79, 51.50), (-1.80, 51.51)])
    found = problems(boundary_file(tmp_path, ["West", "Bow"], [WEST, bowtie]))
    assert len(found) == 1 and found[0].startswith("wards.geojson: feature 2: geometry: is not a valid polygon (Self-")


def test_a_point_and_an_empty_name_are_refused_each_with_its_feature(tmp_path):
    found = problems(boundary_file(tmp_path, ["West", " ", "Spot"], [WEST, EAST, Point(-1.8, 51.5)]))
    assert found == ["wards.geojson: feature 2: WD_NAME: is empty: every area needs a name",
                     "wards.geojson: feature 3: geometry: is a Point: an area is a Polygon or MultiPolygon"]


def test_a_missing_name_field_is_refused_listing_the_fields_there_are(tmp_path):
    found = problems(boundary_file(tmp_path, ["West"], [WEST]), field="NAME")
    assert found == ["wards.geojson: NAME: no such field in the file; its fields are: WD_NAME"]


def test_hidden_characters_and_two_features_of_one_name_are_refused(tmp_path):
    found = problems(boundary_file(tmp_path, ["West\u202eEast", "East", "east"], [WEST, EAST, EAST]))
    assert found[0].startswith("wards.geojson: feature 1: WD_NAME: holds a bidirectional control (U+202E")
    assert found[1] == ("wards.geojson: feature 3: WD_NAME: 'east' is also the name of feature 2 (or reads the "
                        "same): one area per name")


def test_an_unreadable_file_and_a_wrong_level_are_refused(tmp_path):
    garbage = tmp_path / "wards.geojson"
    garbage.write_text("this is not GeoJSON {")
    found = problems(garbage)
    assert len(found) == 1 and found[0].startswith("wards.geojson: cannot be read as GIS data (")
    assert str(tmp_path) not in found[0]
    assert problems(boundary_file(tmp_path, ["West"], [WEST], name="ok.geojson"), level="county") == [
        "ok.geojson: level: 'county' is not one of force, local_authority, ward"]
    assert problems(tmp_path / "absent.geojson") == ["absent.geojson: no such file"]


# -- storing and the spatial join -----------------------------------------------------------

def test_places_are_joined_to_every_area_that_holds_them(db, tmp_path):
    ingest_paths(db, [places(tmp_path, {"in_west": (51.505, -1.795), "in_east": (51.505, -1.785),
                                        "on_the_edge": (51.505, -1.79), "outside": (51.6, -1.5)})])
    store_areas(db, read_boundaries(boundary_file(tmp_path, ["West", "East"], [WEST, EAST]), "ward", "WD_NAME"),
                source="wards.geojson")
    council = boundary_file(tmp_path, ["Town"], [WEST.union(EAST)], name="council.geojson", field="name")
    result = store_areas(db, read_boundaries(council, "local_authority", "name"), source="council.geojson")
    assert result == {"created": 1, "updated": 0, "links": 7}
    assert links(db) == {("in_west", "ward:west"), ("in_east", "ward:east"), ("on_the_edge", "ward:west"),
                         ("on_the_edge", "ward:east"), ("in_west", "local_authority:town"),
                         ("in_east", "local_authority:town"), ("on_the_edge", "local_authority:town")}


def test_an_ingest_that_moves_or_adds_a_place_joins_it_again(db, tmp_path):
    store_areas(db, read_boundaries(boundary_file(tmp_path, ["West", "East"], [WEST, EAST]), "ward", "WD_NAME"),
                source="wards.geojson")
    ingest_paths(db, [places(tmp_path, {"cafe": (51.505, -1.795)})])
    assert links(db) == {("cafe", "ward:west")}
    ingest_paths(db, [places(tmp_path, {"cafe": (51.505, -1.785), "park": (51.501, -1.799)})])
    assert links(db) == {("cafe", "ward:east"), ("park", "ward:west")}


def test_a_new_boundary_moves_places_and_a_bad_file_changes_nothing(db, tmp_path):
    ingest_paths(db, [places(tmp_path, {"cafe": (51.505, -1.789)})])
    store_areas(db, read_boundaries(boundary_file(tmp_path, ["West", "East"], [WEST, EAST]), "ward", "WD_NAME"),
                source="wards.geojson")
    assert links(db) == {("cafe", "ward:east")}
    moved = [box(-1.80, 51.50, -1.788, 51.51), box(-1.788, 51.50, -1.78, 51.51)]
    store_areas(db, read_boundaries(boundary_file(tmp_path, ["West", "East"], moved, name="new.geojson"), "ward",
                                    "WD_NAME"), source="new.geojson")
    assert links(db) == {("cafe", "ward:west")}
    before = db.read("areas/list")
    with pytest.raises(AreaFileRejected):
        read_boundaries(boundary_file(tmp_path, ["West", None], [EAST, WEST], name="bad.geojson"), "ward", "WD_NAME")
    assert db.read("areas/list") == before


def test_the_command_loads_lists_and_refuses_with_clear_errors(db, tmp_path, cli, neo4j_server):
    env = {"NEO4J_URI": neo4j_server.uri, "NEO4J_PASSWORD": neo4j_server.password}
    ingest_paths(db, [places(tmp_path, {"cafe": (51.505, -1.795)})])
    good = boundary_file(tmp_path, ["West", "East"], [WEST, EAST])
    loaded = cli("areas", "load", str(good), "--level", "ward", "--name-field", "WD_NAME", "--json", env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout)["links"] == 1
    listed = json.loads(cli("areas", "list", "--json", env=env).stdout)
    assert [(a["area_id"], a["places"]) for a in listed] == [("ward:east", 0), ("ward:west", 1)]

    wrong_level = cli("areas", "load", str(good), "--level", "county", "--name-field", "WD_NAME", env=env)
    assert wrong_level.returncode == 2 and "'county' is not one of 'force', 'local_authority', 'ward'" in wrong_level.stderr
    bad = boundary_file(tmp_path, ["Bow"], [Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])], name="bad.geojson")
    refused = cli("areas", "load", str(bad), "--level", "ward", "--name-field", "WD_NAME", env=env)
    assert refused.returncode == 1
    assert "error: bad.geojson: feature 1: geometry: is not a valid polygon" in refused.stderr
    assert "nothing was stored" in refused.stderr
    assert len(json.loads(cli("areas", "list", "--json", env=env).stdout)) == 2
