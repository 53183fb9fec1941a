"""Benchmark: writing the synthetic scenario (goal: the large one in under two minutes).

    .venv/bin/python -m benchmarks.scenario [--sizes small,medium,large] [--seed 7]

For each size, times ``ingest.scenario.generate`` into a temporary folder (wall clock and CPU
of this process) and prints records per second. The baseline, measured in the same run, is
the floor any generator pays: serialising and writing the same number of minimal JSON lines;
the figures are printed as seconds and as ratios to that baseline and to the goal.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 120.0


def _baseline(records: int, folder: Path) -> float:
    """Seconds to json-encode and write ``records`` small records, one a line."""
    began = time.perf_counter()
    with open(folder / "baseline.jsonl", "w", encoding="utf-8", buffering=1 << 20) as handle:
        for n in range(records):
            handle.write(json.dumps({"type": "sighting", "sighting_id": f"SGT-{n:08d}",
                                     "observed_at": "2026-10-01T21:15:00+01:00", "location_id": "L0000001",
                                     "source": "anpr", "vrm": "AB12CDE"}) + "\n")
    return time.perf_counter() - began


def main() -> int:
    from ingest.scenario import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    print(f"{'size':<8}{'records':>11}{'wall s':>9}{'cpu s':>8}{'records/s':>12}{'baseline s':>12}"
          f"{'x baseline':>12}{'x goal':>8}")
    for size in args.sizes.split(","):
        folder = Path(tempfile.mkdtemp(prefix="graph-service-scenario-"))
        try:
            cpu = time.process_time()
            began = time.perf_counter()
            generate(seed=args.seed, size=size, out=folder / "out")
            wall = time.perf_counter() - began
            cpu = time.process_time() - cpu
            truth = json.loads((folder / "out" / "ground_truth.json").read_text(encoding="utf-8"))
            records = truth["total_records"]
            floor = _baseline(records, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"{size:<8}{records:>11,}{wall:>9.1f}{cpu:>8.1f}{records / wall:>12,.0f}{floor:>12.1f}"
              f"{wall / floor:>12.1f}{wall / GOAL_SECONDS:>8.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
