"""Benchmark: how well the network pipeline recovers the scenario's planted networks, per seed and size.

    .venv/bin/python -m benchmarks.network_accuracy [--sizes small medium] [--seeds 7 19 29 41]

Starts its own managed Neo4j in a temporary state folder (your own database is never touched).
For each size and seed it writes the synthetic scenario, ingests it (in parts, as the other
benchmarks do), runs ``networks detect`` with the default parameters (nothing written back)
and prints, for every planted network of the answer key (``ground_truth.json``), the detected
network holding most of its members with precision, recall and concern rank. Goals (issue
#13): each planted network matched by a network of its own with precision and recall of at
least 0.9, and every planted network in the top (planted + 2) of the concern ranking.

The method is never told which people are planted: the answer key is read only here, after
detection, to score it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import date

from ingest import testbed

GOAL = 0.9


def score(truth: dict, result) -> tuple[list[dict], bool]:
    """Per planted network: found network, precision, recall, concern rank; and whether the goals hold."""
    _, rows = testbed.recovery(truth, result.network_of)
    for row in rows:
        row["rank"] = result.concern_rank.get(row["found"])
    found = [row["found"] for row in rows]
    top = len(rows) + 2
    met = (None not in found and len(set(found)) == len(found)
           and all(r["precision"] >= GOAL and r["recall"] >= GOAL and r["rank"] is not None and r["rank"] <= top
                   for r in rows))
    return rows, met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["small", "medium"], choices=list(testbed.SIZES))
    parser.add_argument("--seeds", type=int, nargs="*", default=[7, 19, 29, 41])
    args = parser.parse_args()
    home = testbed.fresh_home("graph-service-accuracy-")

    from graph_service import settings as service_settings
    from graph_service.analysis.networks import run_networks
    from graph_service.db import connect

    settings = service_settings.load()
    server = testbed.start_server(settings)
    ok = True
    summary = []
    try:
        with connect(settings) as db:
            for size in args.sizes:
                for seed in args.seeds:
                    db.apply("db/wipe")
                    folder, truth = testbed.scenario(home / f"{size}-{seed}", seed=seed, size=size)
                    testbed.load_scenario(db, folder)
                    began = time.perf_counter()
                    result = run_networks(db, as_of=date.fromisoformat(truth["as_of"]), write=False).result
                    seconds = time.perf_counter() - began
                    rows, met = score(truth, result)
                    ok &= met
                    worst_p = min(r["precision"] for r in rows)
                    worst_r = min(r["recall"] for r in rows)
                    worst_rank = max(r["rank"] or 10**6 for r in rows)
                    summary.append((size, seed, len(rows), worst_p, worst_r, worst_rank, met))
                    print(f"== {size} seed {seed}: {len(rows)} planted, {result.graph.number_of_nodes()} people, "
                          f"{len(result.networks)} networks, run {seconds:.1f} s; goals {'met' if met else 'NOT met'}")
                    for r in rows:
                        flag = "" if r["precision"] >= GOAL and r["recall"] >= GOAL else "   <-- below 0.9"
                        print(f"   {r['network']:<24} network {r['found']!s:>6}  precision {r['precision']:.2f}  "
                              f"recall {r['recall']:.2f}  concern rank {r['rank']}{flag}")
                    sys.stdout.flush()
        print("\n| size | seed | planted | lowest precision | lowest recall | worst concern rank (goal) | goals |")
        print("|---|---|---|---|---|---|---|")
        for size, seed, n, p, r, rank, met in summary:
            print(f"| {size} | {seed} | {n} | {p:.2f} | {r:.2f} | {rank} (≤ {n + 2}) | {'met' if met else 'not met'} |")
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
