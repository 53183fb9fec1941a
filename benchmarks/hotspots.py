"""Benchmark: points to a Gi* hot spot layer with the FDR step (goals: 100k points under 5 s,
1M points under 30 s).

    .venv/bin/python -m benchmarks.hotspots [--sizes 100000,1000000] [--cell 250] [--repeat 3]

For each size, makes synthetic events in longitude/latitude over a 40 km square (a city and
its surroundings: a thin background and a few dense clusters, seeded), then times the whole
path :func:`graph_service.analysis.hotspots.grid_hotspots` takes: projection to the British
National Grid, counting into cells, the cell weights, esda's Gi* and the Benjamini-Hochberg
step. Stages are timed separately too. The baseline, measured in the same run on the same
cells, is esda's ``G_Local`` alone (the statistic we must not re-derive): the figures are
printed as seconds and as ratios to that baseline and to the goal. A planted cluster must
come out as a 99% hot spot, so a fast wrong answer does not pass for a result.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

GOALS = {100_000: 5.0, 1_000_000: 30.0}
AREA_KM = 40.0
CENTRE = (-2.24, 53.48)  # lon, lat


def make_events(n: int, seed: int = 7):
    import geopandas as gpd

    rng = np.random.default_rng(seed)
    # ~1 km in degrees at this latitude
    dlon, dlat = 1 / 66.5, 1 / 111.2
    half = AREA_KM / 2
    background = int(n * 0.7)
    lon = [CENTRE[0] + rng.uniform(-half, half, background) * dlon]
    lat = [CENTRE[1] + rng.uniform(-half, half, background) * dlat]
    clusters = rng.uniform(-half * 0.8, half * 0.8, (12, 2))
    clusters[0] = (0.0, 0.0)  # the planted cluster the check looks for
    per = (n - background) // len(clusters)
    for cx, cy in clusters:
        lon.append(CENTRE[0] + (cx + rng.normal(0, 0.15, per)) * dlon)
        lat.append(CENTRE[1] + (cy + rng.normal(0, 0.15, per)) * dlat)
    lon, lat = np.concatenate(lon), np.concatenate(lat)
    return gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=4326)


def timed(function, *args, **kwargs):
    began = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - began, result


def run(points, cell: float) -> dict:
    """The path of ``grid_hotspots``, stage by stage (same functions, same order)."""
    from graph_service.analysis import hotspots as hs

    stages = {}
    stages["project"], projected = timed(hs.to_bng, points)
    stages["grid"], grid = timed(hs.Grid.covering, projected.total_bounds, cell)
    stages["count"], cells = timed(hs.aggregate, projected, grid)
    stages["weights"], weights = timed(grid.weights)
    stages["gi_star_fdr"], gi = timed(hs.GiStar, cells["value"].to_numpy(), weights)
    return {"stages": stages, "cells": cells.assign(hotspot_class=gi.hotspot_class), "weights": weights}


def baseline(cells, weights) -> float:
    import esda

    began = time.perf_counter()
    esda.G_Local(cells["value"].to_numpy(dtype=float), weights, transform="B", star=True, permutations=0)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--cell", type=float, default=250.0)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (the median is reported)")
    args = parser.parse_args()

    from shapely.geometry import Point

    from graph_service.analysis import hotspots as hs

    failed = False
    for n in (int(s) for s in args.sizes.split(",")):
        points = make_events(n)
        totals, stage_runs, result = [], [], None
        for _ in range(args.repeat):
            began = time.perf_counter()
            result = run(points, args.cell)
            totals.append(time.perf_counter() - began)
            stage_runs.append(result["stages"])
        check_began = time.perf_counter()
        layer = hs.grid_hotspots(points, args.cell)  # the public function, for the answer check
        public = time.perf_counter() - check_began
        base = statistics.median(baseline(result["cells"], result["weights"]) for _ in range(args.repeat))
        total = statistics.median(totals)
        centre = hs.to_bng(__import__("geopandas").GeoDataFrame(geometry=[Point(*CENTRE)], crs=4326)).geometry.iloc[0]
        planted = layer[layer.contains(centre)]["hotspot_class"].iloc[0]
        goal = GOALS.get(n)
        ok = planted == "hot_99" and (goal is None or total < goal)
        failed |= not ok
        print(f"{n:>9,} points -> {len(layer):,} cells of {args.cell:g} m over {AREA_KM:g} km square; "
              f"{(layer['hotspot_class'] != 'not_significant').sum():,} significant; planted cluster: {planted}")
        for stage in stage_runs[0]:
            print(f"    {stage:<12} {statistics.median(r[stage] for r in stage_runs):8.3f} s")
        print(f"    total        {total:8.3f} s (median of {args.repeat}); grid_hotspots() once: {public:.3f} s")
        print(f"    baseline (esda G_Local alone on the same cells): {base:.3f} s; total/baseline = {total / base:.1f}x")
        if goal:
            print(f"    goal {goal:g} s: total/goal = {total / goal:.2f} -> {'PASS' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
