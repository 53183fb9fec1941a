"""Hot spots of the stored intelligence, against the real Neo4j, with data made by ingest."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pytest
import shapely

from graph_service.analysis import hotspots as hs
from graph_service.grading import UNGRADED, grade_weight
from graph_service.vocabulary import HOTSPOT_PLACE_CATEGORIES
from ingest import ingest_paths

pytestmark = pytest.mark.neo4j

HOTEL = (53.3811, -1.4701)
PARK = (53.4000, -1.4400)


def location(location_id, category, lat, lon, name=None):
    return {"type": "location", "location_id": location_id, "category": category, "lat": lat, "lon": lon,
            "name": name or location_id}


def sighting(sighting_id, location_id, at, person_ids=("A1",)):
    return {"type": "sighting", "sighting_id": sighting_id, "observed_at": at, "location_id": location_id,
            "source": "officer", "person_ids": list(person_ids)}


def records() -> list[dict]:
    out = [
        location("HOTEL", "hotel", *HOTEL, name="Station Hotel"),
        location("TAKE", "takeaway", HOTEL[0] + 0.0004, HOTEL[1] + 0.0010),
        location("PARK", "park", *PARK),
        location("HOME", "home_address", 53.3700, -1.4800),
        {"type": "person", "person_id": "A1", "dob": "1980-01-01"},
        {"type": "person", "person_id": "C1", "dob": "2011-01-01"},
        {"type": "person", "person_id": "C2", "dob": "2011-02-02"},
        {"type": "intel", "intel_id": "I1", "reported_on": "2026-10-03", "source_evaluation": "1",
         "intelligence_assessment": "A", "handling_code": "P"},
        {"type": "intel", "intel_id": "I3", "reported_on": "2026-10-07", "source_evaluation": "3",
         "intelligence_assessment": "D", "handling_code": "C", "handling_conditions": "police only"},
        {"type": "intel", "intel_id": "IE", "reported_on": "2026-10-08", "source_evaluation": "1",
         "intelligence_assessment": "E", "handling_code": "P"},
        {"type": "link", "link_id": "K-HOTEL", "intel_id": "I1", "subject_type": "person", "subject_id": "A1",
         "relation": "seen_at", "object_type": "location", "object_id": "HOTEL", "observed_at": "2026-10-05T22:00:00Z"},
        {"type": "link", "link_id": "K-TAKE", "intel_id": "I3", "subject_type": "person", "subject_id": "A1",
         "relation": "frequents", "object_type": "location", "object_id": "TAKE"},
        {"type": "link", "link_id": "K-FALSE", "intel_id": "IE", "subject_type": "person", "subject_id": "C2",
         "relation": "seen_at", "object_type": "location", "object_id": "PARK", "observed_at": "2026-10-08T10:00:00Z"},
        {"type": "link", "link_id": "K-HOME", "intel_id": "I1", "subject_type": "person", "subject_id": "A1",
         "relation": "lives_at", "object_type": "location", "object_id": "HOME"},
        {"type": "link", "link_id": "K-NOREPORT", "subject_type": "person", "subject_id": "C1",
         "relation": "frequents", "object_type": "location", "object_id": "PARK", "observed_at": "2026-10-02T16:00:00Z"},
        # found just after midnight local time on 1 October: inside October, though 30 September in UTC
        {"type": "missing_episode", "episode_id": "M1", "person_id": "C1", "reported_at": "2026-09-30T20:00:00+01:00",
         "found_at": "2026-10-01T00:30:00+01:00", "found_location_id": "HOTEL", "found_with": ["A1"]},
        {"type": "missing_episode", "episode_id": "M2", "person_id": "C1", "reported_at": "2026-10-12T20:00:00Z",
         "found_at": "2026-10-13T01:00:00Z", "found_location_id": "HOTEL"},
        {"type": "missing_episode", "episode_id": "M3", "person_id": "C1", "reported_at": "2026-10-20T20:00:00Z",
         "found_location_id": "HOTEL"},  # not found yet at a time: dated by its report
        {"type": "missing_episode", "episode_id": "M0", "person_id": "C2", "reported_at": "2026-09-10T20:00:00Z",
         "found_at": "2026-09-11T02:00:00Z", "found_location_id": "PARK"},
    ]
    # Around the hotel in October, around the park in September; the same thin background in both.
    out += [sighting(f"S-H{i}", "HOTEL" if i % 3 else "TAKE", f"2026-10-{1 + i % 28:02d}T21:00:00Z") for i in range(36)]
    out += [sighting(f"S-P{i}", "PARK", f"2026-09-{1 + i % 28:02d}T21:00:00Z", ("C2",)) for i in range(30)]
    for i in range(48):
        lat, lon = 53.355 + 0.0075 * (i // 8), -1.505 + 0.011 * (i % 8)
        out.append(location(f"B{i}", "shop", round(lat, 5), round(lon, 5)))
        out.append(sighting(f"S-B{i}-09", f"B{i}", "2026-09-15T12:00:00Z"))
        out.append(sighting(f"S-B{i}-10", f"B{i}", "2026-10-15T12:00:00Z"))
    return out


@pytest.fixture
def loaded(db, tmp_path):
    folder = tmp_path / "intake"
    folder.mkdir()
    (folder / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records()))
    ingest_paths(db, [folder])
    return db


def test_events_by_kind_and_window(loaded):
    october = hs.fetch_events(loaded, hs.KINDS, date(2026, 10, 1), date(2026, 10, 31))
    by_kind = october.groupby("kind")["event_id"].apply(set).to_dict()
    assert by_kind["missing"] == {"M1", "M2", "M3"}
    assert len(by_kind["sighting"]) == 36 + 48
    # seen_at and frequents count; lives_at is not an event; E-graded intelligence never counts
    assert by_kind["intel"] == {"K-HOTEL", "K-TAKE", "K-NOREPORT"}
    assert october.crs.to_epsg() == 4326
    hotel = october[october["event_id"] == "K-HOTEL"].geometry.iloc[0]
    assert (hotel.y, hotel.x) == pytest.approx(HOTEL)
    only_missing = hs.fetch_events(loaded, ["missing"], date(2026, 9, 1), date(2026, 9, 30))
    assert set(only_missing["event_id"]) == {"M0"}
    everything = hs.fetch_events(loaded)
    assert len(everything) == 4 + 36 + 30 + 96 + 3


def test_each_event_weighs_what_its_grade_weighs(loaded):
    events = hs.fetch_events(loaded, ["intel", "missing"], date(2026, 10, 1), date(2026, 10, 31)).set_index("event_id")
    assert events.loc["M1", "weight"] == 1.0
    assert events.loc["K-HOTEL", "weight"] == grade_weight("1", "A")
    assert events.loc["K-TAKE", "weight"] == grade_weight("3", "D")
    assert events.loc["K-NOREPORT", "weight"] == grade_weight(*UNGRADED)
    assert events.loc["K-TAKE", "handling_code"] == "C"
    assert events.loc["K-TAKE", "on"] == date(2026, 10, 7)  # undated link: its report's date


def test_the_stored_hotel_is_a_new_hot_spot_and_the_park_has_cooled(loaded):
    events = hs.fetch_events(loaded, hs.KINDS, date(2026, 9, 1), date(2026, 10, 31))
    current, previous = hs.windows(events, date(2026, 10, 1), date(2026, 10, 31))
    frame = hs.EmergingHotspots(current, previous, cell_size=250, weight="weight").frame.to_crs(hs.WGS84)

    def at(lat, lon):
        return frame[frame.contains(shapely.Point(lon, lat))].iloc[0]

    hotel, park = at(*HOTEL), at(*PARK)
    assert hotel["hotspot_class"] == "hot_99" and hotel["trend"] == "new"
    assert park["hotspot_class_before"] == "hot_99" and park["trend"] == "diminishing"
    # Away from the hotel and the park (Gi* counts a cell's neighbours), the background is quiet.
    centres = frame.to_crs(hs.BNG).geometry.centroid
    clusters = gpd.GeoSeries([shapely.Point(HOTEL[1], HOTEL[0]), shapely.Point(PARK[1], PARK[0])], crs=4326).to_crs(hs.BNG)
    far = (centres.distance(clusters.iloc[0]) > 600) & (centres.distance(clusters.iloc[1]) > 600)
    assert far.sum() > 100
    assert (frame.loc[far, "hotspot_class"] == "not_significant").all()


def test_locations_by_category_with_their_counts(loaded):
    concern = hs.fetch_locations(loaded, HOTSPOT_PLACE_CATEGORIES).set_index("location_id")
    assert "HOME" not in concern.index
    assert concern.loc["HOTEL", "missing_found"] == 3 and concern.loc["HOTEL", "sightings"] == 24
    assert concern.loc["HOTEL", "name"] == "Station Hotel"
    assert set(hs.fetch_locations(loaded, ["park"])["location_id"]) == {"PARK"}


def test_people_are_placed_where_the_graded_evidence_puts_them(loaded):
    places = hs.fetch_person_places(loaded, ["A1", "C1", "C2", "NOBODY"]).set_index("person_id")
    assert places.loc["A1", "location_id"] == "HOTEL"  # sightings, a 1A link, found with C1
    assert places.loc["C1", "location_id"] == "HOTEL"  # three missing episodes ended there
    assert places.loc["C2", "location_id"] == "PARK"  # thirty sightings; the E-graded link adds nothing
    assert "NOBODY" not in places.index


def test_the_command_writes_the_stored_layer_and_a_map(loaded, cli, tmp_path):
    out, page = tmp_path / "october.geojson", tmp_path / "october.html"
    done = cli("hotspots", "--from", "2026-10-01", "--to", "2026-10-31", "--out", str(out), "--map", str(page),
               "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["window"] == {"from": "2026-10-01", "to": "2026-10-31"}
    assert summary["events"] == 3 + 84 + 3 and summary["trend"]["new"] >= 1
    cells = gpd.read_file(out)
    assert cells.crs.to_epsg() == 4326
    hotel = cells[cells.contains(shapely.Point(HOTEL[1], HOTEL[0]))].iloc[0]
    assert hotel["hotspot_class"] == "hot_99" and hotel["trend"] == "new"
    html = page.read_text()
    assert "Emerging hot spots" in html and "Locations: Hotel" in html and "Station Hotel" in html
    assert "<script src=" not in html


def test_the_command_says_when_the_window_holds_nothing(loaded, cli, tmp_path):
    done = cli("hotspots", "--from", "2025-01-01", "--to", "2025-01-31", "--out", str(tmp_path / "x.geojson"))
    assert done.returncode == 1
    assert "no stored events of kinds missing, sighting, intel from 2025-01-01 to 2025-01-31" in done.stderr
    assert not (tmp_path / "x.geojson").exists()
    done = cli("hotspots", "--kinds", "missing,rumour", "--out", str(tmp_path / "x.geojson"))
    assert done.returncode == 2 and "choose from missing, sighting, intel" in done.stderr


def test_signs_of_concern_by_reason_grade_and_window(loaded):
    october = hs.fetch_concern_events(loaded, hs.KINDS, date(2026, 10, 1), date(2026, 10, 31))
    by_reason = october.groupby("reason")["event_id"].apply(set).to_dict()
    # C1 (a child) found at the hotel three times; C1 placed at the park by a link without a
    # report (untested: 2D); C2's E-graded sighting at the park never counts; A1, found with C1
    # after a missing episode, is an adult of concern wherever intelligence places them.
    assert by_reason == {"found_after_missing": {"M1", "M2", "M3"}, "child_in_intel": {"K-NOREPORT"},
                         "adult_of_concern": {"K-HOTEL", "K-TAKE"}}
    weights = dict(zip(october["event_id"], october["weight"], strict=True))
    assert weights["K-NOREPORT"] == grade_weight(*UNGRADED) and weights["M1"] == 1.0
    assert weights["K-TAKE"] == grade_weight("3", "D")
    # The kinds chosen choose the signs: missing episodes only.
    only_missing = hs.fetch_concern_events(loaded, ["missing"], date(2026, 10, 1), date(2026, 10, 31))
    assert set(only_missing["reason"]) == {"found_after_missing"}
    # September: C2 found at the park.
    assert set(hs.fetch_concern_events(loaded, hs.KINDS, date(2026, 9, 1), date(2026, 9, 30))["event_id"]) == {"M0"}


def test_the_command_lists_cells_in_order_of_concern_with_reasons(loaded, cli, tmp_path):
    out = tmp_path / "october.geojson"
    done = cli("hotspots", "--from", "2026-10-01", "--to", "2026-10-31", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cells_of_concern"] == 2  # the hotel and takeaway's cell, the park's
    cells = gpd.read_file(out)
    assert cells["rank"].iloc[:2].tolist() == [1, 2] and cells["rank"].iloc[2:].isna().all()
    hotel = cells.iloc[0]
    assert hotel.geometry.contains(shapely.Point(HOTEL[1], HOTEL[0]))
    assert hotel["reasons"].startswith("3 children found here after missing episodes; "
                                       "2 items of graded intelligence placing adults of concern here")


def test_a_child_seen_with_an_adult_of_concern_weighs_more_than_one_seen_beside_a_passer_by(db, tmp_path):
    bus = (53.3790, -1.4650)
    folder = tmp_path / "intake"
    folder.mkdir()
    records = [
        location("BUS", "other", *bus, name="Bus Station"),
        {"type": "person", "person_id": "A1", "dob": "1980-01-01"},
        {"type": "person", "person_id": "B1", "dob": "1985-05-05"},
        {"type": "person", "person_id": "P1", "dob": "1979-03-03"},
        {"type": "person", "person_id": "C1", "dob": "2011-01-01"},
        {"type": "person", "person_id": "C2", "dob": "2012-02-02"},
        {"type": "family", "person_id": "C1", "relative_id": "P1", "relation": "parent"},
        # A1 was found with C1 after a missing episode: an adult of concern.
        {"type": "missing_episode", "episode_id": "M1", "person_id": "C1", "reported_at": "2026-10-01T20:00:00Z",
         "found_at": "2026-10-02T01:00:00Z", "found_location_id": "BUS", "found_with": ["A1"]},
        sighting("S-KNOWN", "BUS", "2026-10-05T21:00:00Z", ("C2", "A1")),
        sighting("S-PASSER", "BUS", "2026-10-06T16:00:00Z", ("C2", "B1")),  # nothing known of B1
        sighting("S-BOTH", "BUS", "2026-10-07T16:00:00Z", ("C2", "B1", "A1")),
        sighting("S-FAMILY", "BUS", "2026-10-08T12:00:00Z", ("C1", "P1")),  # a child with a parent: no sign
    ]
    (folder / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    ingest_paths(db, [folder])
    concern = hs.fetch_concern_events(db, hs.KINDS, date(2026, 10, 1), date(2026, 10, 31))
    weights = dict(zip(concern["event_id"], concern["weight"], strict=True))
    assert weights == {"M1": 1.0, "S-KNOWN": 1.0, "S-PASSER": hs.stored.UNKNOWN_ADULT_WEIGHT, "S-BOTH": 1.0}
    assert hs.stored.UNKNOWN_ADULT_WEIGHT == 0.25
