"""A problem profile's hot spots of concern are the hot spot page's, within the profile's area:
the planted places of exploitation among them, and new and intensifying ones counted cell by
cell against the previous period."""

from __future__ import annotations

import json
from datetime import date, timedelta

import geopandas as gpd

from graph_service.analysis import hotspots as hs
from graph_service.analysis.profile import build_profile
from ingest import ingest_paths
from ingest.scenario import generate
from ingest.testbed import hotspot_layer, load_areas


def hot_spots_of_concern(cells: gpd.GeoDataFrame, area_id: str | None = None) -> dict[tuple[str, str], int]:
    """(area, cell) → signs of concern, for the cells whose concern class is hot (90% or more)."""
    return {(area, cell): count for area, cell, klass, count in
            zip(cells["area_id"], cells["cell_id"], cells["concern_class"], cells["concern_count"], strict=True)
            if str(klass).startswith("hot") and area_id in (None, area)}


def test_the_profile_counts_the_hot_spot_pages_hot_spots_of_concern_within_its_area(db, tmp_path):
    out = generate(seed=31, size="small", out=tmp_path / "scenario")  # 31: a seed no other test uses
    truth = json.loads((out / "ground_truth.json").read_text())
    ingest_paths(db, [out])
    load_areas(db, out)
    end = date.fromisoformat(truth["as_of"])
    start = end - timedelta(days=89)
    # the hot spot page's layers of the period and of the 90 days before it, each council on its own
    now = hot_spots_of_concern(hotspot_layer(db, end))
    before = hot_spots_of_concern(hotspot_layer(db, start - timedelta(days=1)))
    assert now and before

    areas = hs.loaded_areas(db)
    force = next(a for a in areas if a.level == "force")
    profile = build_profile(db, force.area_id, start, end, since=end - timedelta(days=30))
    figures = profile["locations"]
    assert figures["hot_spots_of_concern"] == len(now)
    assert figures["new_hot_spots"] == len(now.keys() - before.keys())
    assert figures["intensifying_hot_spots"] == sum(now[cell] > before[cell] for cell in now.keys() & before.keys())
    assert 0 < figures["new_hot_spots"] + figures["intensifying_hot_spots"] <= figures["hot_spots_of_concern"]
    assert profile["previous"]["locations"]["hot_spots_of_concern"] == len(before)
    assert profile["since_meeting"]["locations"]["hot_spots_of_concern"] > 0
    assert "new_hot_spots" not in profile["previous"]["locations"]

    # every planted place of exploitation lies in one of the period's hot spots of concern
    places = gpd.GeoDataFrame(geometry=gpd.points_from_xy([p["lon"] for p in truth["hotspots"]],
                                                          [p["lat"] for p in truth["hotspots"]]), crs=4326)
    layer = hotspot_layer(db, end)
    hot_cells = layer[[(a, c) in now for a, c in zip(layer["area_id"], layer["cell_id"], strict=True)]]
    inside = gpd.sjoin(places.to_crs(layer.crs), hot_cells[["geometry"]], predicate="within")
    assert inside.index.nunique() == len(places)

    # a council's profile counts the hot spots of that council alone
    council = next(a for a in areas if a.level == "local_authority")
    own = hot_spots_of_concern(hotspot_layer(db, end), council.area_id)
    assert build_profile(db, council.area_id, start, end)["locations"]["hot_spots_of_concern"] == len(own) < len(now)

    # a partner's figures are counted from what a partner may see, rounded to 5 or withheld
    month = date(end.year, end.month, 1)
    first = (month - timedelta(days=1)).replace(day=1)
    partner = build_profile(db, force.area_id, first, month - timedelta(days=1), partner=True)
    for name in ("hot_spots_of_concern", "new_hot_spots", "intensifying_hot_spots"):
        shown = partner["locations"][name]
        assert shown is None or shown % 5 == 0, (name, shown)
