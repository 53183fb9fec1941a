"""The problem profile's figures checked against the small scenario's files, counted here on
their own: the intake files read with the standard library, the boundaries with geopandas, and
the rules of docs/areas.md written out again in plain Python. Nothing of the service's own
counting is called; only the ingest and the boundary loading put the files in the database.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pytest

from graph_service.analysis.profile import build_profile
from graph_service.web.profile_pack import render_pack
from ingest import ingest_paths
from ingest.areas import read_boundaries, store_areas
from ingest.scenario import generate

COUNCIL = "Swinbrook Borough Council"
PERIOD = (date(2026, 8, 1), date(2026, 10, 31))
MONTHS = ("2026-08", "2026-09", "2026-10")


@pytest.fixture(scope="module")
def scenario(neo4j_server, settings, tmp_path_factory):
    """The small scenario written, loaded, and its council and ward boundaries stored."""
    from graph_service.db import connect

    folder = generate(seed=7, size="small", out=tmp_path_factory.mktemp("scenario") / "small")
    with connect(settings) as db:
        db.apply("db/wipe")
        ingest_paths(db, [folder])
        for level in ("local_authority", "ward"):
            store_areas(db, read_boundaries(folder / f"{level}.geojson", level, "name"), source=f"{level}.geojson")
        yield db, folder


def _jsonl(folder: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _csv(folder: Path, name: str) -> list[dict]:
    with open(folder / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _day(stamp: str) -> date:
    """The day of an ISO date or date-time, in the offset it was written with."""
    return datetime.fromisoformat(stamp).date() if "T" in stamp else date.fromisoformat(stamp)


def _within(day: date | None) -> bool:
    return day is not None and PERIOD[0] <= day <= PERIOD[1]


def places_in(folder: Path, name: str, level: str = "local_authority") -> set[str]:
    """The places inside the area's boundary (a place on the boundary is inside), by geopandas."""
    boundary = gpd.read_file(folder / f"{level}.geojson").to_crs(4326)
    shape = boundary.loc[boundary["name"] == name, "geometry"].iloc[0]
    places = _csv(folder, "location.csv")
    points = gpd.GeoSeries(gpd.points_from_xy([float(p["lon"]) for p in places], [float(p["lat"]) for p in places]),
                           crs=4326)
    return {p["location_id"] for p, inside in zip(places, points.intersects(shape), strict=True) if inside}


def missing_by_month(folder: Path, here: set[str]) -> dict[str, int]:
    """The area's missing episodes (found there, or of a child living there) by month."""
    lives_here = {k["subject_id"] for k in _jsonl(folder, "link.jsonl")
                  if k["relation"] == "lives_at" and k["object_id"] in here}
    episodes = [e for e in _jsonl(folder, "missing_episode.jsonl")
                if e.get("found_location_id") in here or e["person_id"] in lives_here]
    months = Counter(_day(e["reported_at"]).strftime("%Y-%m") for e in episodes)
    return {m: months.get(m, 0) for m in MONTHS}


def counted(folder: Path) -> dict:
    """The figures, from the files."""
    here = places_in(folder, COUNCIL)
    links = _jsonl(folder, "link.jsonl")
    intel = {i["intel_id"]: i for i in _jsonl(folder, "intel.jsonl")}
    lives_here = {k["subject_id"] for k in links if k["relation"] == "lives_at" and k["object_id"] in here}
    episodes = [e for e in _jsonl(folder, "missing_episode.jsonl")
                if e.get("found_location_id") in here or e["person_id"] in lives_here]
    # intelligence reports with a link to a place in the council, by month and by assessment
    reports = {k["intel_id"] for k in links if k.get("intel_id") and (
        (k["object_type"] == "location" and k["object_id"] in here)
        or (k["subject_type"] == "location" and k["subject_id"] in here))}
    graded = Counter((intel[i]["reported_on"][:7], intel[i]["intelligence_assessment"]) for i in reports
                     if _within(date.fromisoformat(intel[i]["reported_on"])))
    # children at risk: evidence at the council's places in the period, or missing from it
    seen: set[str] = set()
    for e in _jsonl(folder, "missing_episode.jsonl"):
        if e.get("found_location_id") in here and _within(_day(e["reported_at"])):
            seen |= {e["person_id"], *e.get("found_with", [])}
    for s in _jsonl(folder, "sighting.jsonl"):
        if s["location_id"] in here and _within(_day(s["observed_at"])):
            seen |= set(s.get("person_ids", []))
    for k in links:
        if k["object_type"] == "location" and k["object_id"] in here and k["subject_type"] == "person":
            stamp = k.get("observed_at") or (intel[k["intel_id"]]["reported_on"] if k.get("intel_id") else None)
            if stamp and _within(_day(stamp)):
                seen.add(k["subject_id"])
    seen |= {e["person_id"] for e in episodes if _within(_day(e["reported_at"]))}
    people = {p["person_id"]: p for p in _csv(folder, "person.csv")}
    end = PERIOD[1]

    def child(pid: str) -> bool:
        born = people.get(pid, {}).get("dob")
        if not born:
            return False
        born = date.fromisoformat(born)
        return end.year - born.year - ((end.month, end.day) < (born.month, born.day)) < 18

    children = {pid for pid in seen if child(pid)}
    return {
        "victims": len(children),
        "by_gender": Counter(people[pid]["gender"] or "not recorded" for pid in children),
        "missing_by_month": missing_by_month(folder, here),
        "graded": {m: {a: graded.get((m, a), 0) for a in "ABCDE"} for m in MONTHS},
        "reports": {m: sum(graded.get((m, a), 0) for a in "ABCDE") for m in MONTHS},
    }


def test_the_council_s_figures_match_the_files_counted_on_their_own(scenario):
    db, folder = scenario
    expected = counted(folder)
    profile = build_profile(db, COUNCIL, *PERIOD, today=date(2026, 11, 1))
    assert expected["victims"] > 10  # the scenario puts children at risk in the council: a real check
    assert profile["victims"]["total"] == expected["victims"]
    assert {k: v for k, v in profile["victims"]["by_gender"].items() if v} == dict(expected["by_gender"])
    months = {m["month"]: m for m in profile["indicators"]["by_month"]}
    assert list(months) == list(MONTHS)
    assert {m: months[m]["missing_episodes"] for m in MONTHS} == expected["missing_by_month"]
    assert sum(expected["missing_by_month"].values()) > 0
    assert {m: months[m]["intel_reports"] for m in MONTHS} == expected["reports"]
    assert {m: {a: months[m][f"intel_{a}"] for a in "ABCDE"} for m in MONTHS} == expected["graded"]
    assert sum(expected["reports"].values()) > 0


def test_the_small_multiples_give_each_ward_its_own_figures_from_the_files(scenario):
    db, folder = scenario
    profile = build_profile(db, COUNCIL, *PERIOD, today=date(2026, 11, 1))
    wards = gpd.read_file(folder / "ward.geojson")
    inside = gpd.read_file(folder / "local_authority.geojson").set_index("name").loc[COUNCIL, "geometry"]
    expected_wards = sorted(n for n, shape in zip(wards["name"], wards.geometry, strict=True)
                            if shape.representative_point().within(inside))
    by_area = profile["by_area"]
    assert by_area["level"] == "ward" and [a["name"] for a in by_area["areas"]] == expected_wards
    for area in by_area["areas"]:
        expected = missing_by_month(folder, places_in(folder, area["name"], "ward"))
        assert {m["month"]: m["missing_episodes"] for m in area["by_month"]} == expected, area["name"]
    assert sum(m["missing_episodes"] for a in by_area["areas"] for m in a["by_month"]) > 0
    # on the page and in the pack: a row of small charts, one per ward, each with its table
    html = render_pack(profile)
    assert "By ward" in html and html.count('class="small-multiple"') == len(expected_wards)
    for name in expected_wards:
        assert f"<caption>{name}</caption>" in html
    # the partner's small multiples: never one area's count alone withheld in a month
    partner = build_profile(db, COUNCIL, *PERIOD, partner=True, today=date(2026, 11, 1))["by_area"]
    for i, month in enumerate(partner["areas"][0]["by_month"]):
        for name in partner["figures"]:
            values = [a["by_month"][i][name] for a in partner["areas"]]
            assert sum(v is None for v in values) != 1 or not any(values), (month["month"], name, values)
            assert all(v is None or v == 0 or v >= 3 for v in values)
