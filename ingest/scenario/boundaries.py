"""Boundary files for the scenario's two towns: one force holding both, one local authority per
town, and four wards in each (the authority's quarters).

The boundaries are invented squares on the British National Grid around each town's centre,
large enough to hold every place the scenario writes there; the names are invented too. They
are written as GeoJSON (``force.geojson``, ``local_authority.geojson``, ``ward.geojson``, the
name in the ``name`` field), the files ``graph-service areas load`` reads, and which an
ingest of the folder leaves alone.

>>> sorted(area["name"] for area in boundaries()["local_authority"])
['Radleigh Borough Council', 'Swinbrook Borough Council']
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

from ingest.scenario.world import TOWNS

#: Each town's invented council name (its wards take the first word).
COUNCILS = {"home": "Swinbrook Borough Council", "away": "Radleigh Borough Council"}
FORCE = "Kennet Vale Police"
#: Half the side of a council's square, in town radii: every place the scenario puts in a town
#: lies within about two radii of its centre.
HALF_SIDE_RADII = 3.0
#: A force's margin around its councils, in metres.
FORCE_MARGIN = 2_000
#: The file each level is written to, and the field its names are in.
FILES = {"force": "force.geojson", "local_authority": "local_authority.geojson", "ward": "ward.geojson"}
NAME_FIELD = "name"
_BNG = "EPSG:27700"


def boundaries() -> dict[str, list[dict]]:
    """Per level, ``{"name", "geometry"}`` of each area (geometries in British National Grid metres)."""
    centres = gpd.GeoSeries.from_xy([TOWNS[k].lon for k in COUNCILS], [TOWNS[k].lat for k in COUNCILS],
                                    crs="EPSG:4326").to_crs(_BNG)
    councils, wards = [], []
    for (key, council), centre in zip(COUNCILS.items(), centres, strict=True):
        half = TOWNS[key].radius_km * 1000 * HALF_SIDE_RADII
        x, y = round(centre.x), round(centre.y)
        councils.append({"name": council, "geometry": box(x - half, y - half, x + half, y + half)})
        town = council.split()[0]
        for quarter, (x0, y0, x1, y1) in {
            "North West": (x - half, y, x, y + half), "North East": (x, y, x + half, y + half),
            "South West": (x - half, y - half, x, y), "South East": (x, y - half, x + half, y),
        }.items():
            wards.append({"name": f"{town} {quarter}", "geometry": box(x0, y0, x1, y1)})
    left, bottom, right, top = gpd.GeoSeries([c["geometry"] for c in councils]).total_bounds
    force = [{"name": FORCE, "geometry": box(left - FORCE_MARGIN, bottom - FORCE_MARGIN,
                                             right + FORCE_MARGIN, top + FORCE_MARGIN)}]
    return {"force": force, "local_authority": councils, "ward": wards}


def write_boundaries(out: Path) -> dict[str, str]:
    """Write the three boundary files into ``out`` (WGS84 GeoJSON); the file of each level."""
    for level, areas in boundaries().items():
        frame = gpd.GeoDataFrame({NAME_FIELD: [a["name"] for a in areas]},
                                 geometry=[a["geometry"] for a in areas], crs=_BNG).to_crs("EPSG:4326")
        frame.to_file(out / FILES[level], driver="GeoJSON")
    return dict(FILES)
