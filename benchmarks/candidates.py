"""Benchmark: the abduction-notice candidate list of the large scenario (goal: under 10 s).

    .venv/bin/python -m benchmarks.candidates [--size large] [--seed 7] [--scenario DIR] [--repeat 3]

Starts its own managed Neo4j in a temporary state folder (your own database is never
touched), writes the scenario (or reuses ``--scenario DIR`` when it already holds one),
ingests it, then times the candidate list: reading the facts with Cypher, judging every pair,
and the whole. The baseline, measured in the same run on the same server, is one Cypher
statement that only counts the evidence items the list reads; the figures are printed as
seconds and as ratios to that baseline and to the goal. The list is also checked against the
scenario's answer key, so a fast wrong answer does not pass for a result.

The scenario is ingested in parts of 100,000 records (people, places and reports first), because
one ingest of the large scenario goes over Neo4j's transaction memory limit at the default heap.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from ingest import testbed

GOAL_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=list(testbed.SIZES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scenario", type=Path, help="scenario folder to reuse or write (default: temporary)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (the median is reported)")
    parser.add_argument("--home", type=Path, help="state folder to keep (and reuse: a database that already holds "
                                                  "people is not loaded again); default: temporary")
    args = parser.parse_args()

    home = testbed.isolate(args.home.resolve()) if args.home else testbed.fresh_home("graph-service-bench-")

    from graph_service import settings as service_settings
    from graph_service.analysis import candidates as cw
    from graph_service.db import ManagedNeo4j, connect
    from ingest.scenario import generate

    scenario = args.scenario or home / "scenario"
    settings = service_settings.load()
    server = ManagedNeo4j(settings)
    try:
        if not (scenario / "ground_truth.json").exists():
            began = time.perf_counter()
            generate(seed=args.seed, size=args.size, out=scenario)
            print(f"scenario {args.size} (seed {args.seed}) written in {time.perf_counter() - began:.1f} s")
        truth = json.loads((scenario / "ground_truth.json").read_text())
        as_of = date.fromisoformat(truth["as_of"])
        lookback = truth.get("lookback_days", cw.LOOKBACK_DAYS)
        server.start()
        with connect(settings) as db:
            db.apply("schema")
            if db.read("candidates/people_exist", person_ids=[truth["candidate_pairs"][0]["adult_id"]]):
                print(f"reusing the database in {home}")
            else:
                began = time.perf_counter()
                loaded = testbed.load_scenario(db, scenario)
                print(f"ingested {loaded} records in {time.perf_counter() - began:.1f} s")

            params = {"as_of": as_of, "window_start": cw.window_start(as_of, lookback)}
            baseline, fetch, judge, total = [], [], [], []
            for _ in range(max(args.repeat, 1)):
                began = time.perf_counter()
                counted = db.read("candidates/count_evidence", **params)[0]
                baseline.append(time.perf_counter() - began)

                began = time.perf_counter()
                facts = cw.fetch_facts(db, as_of, lookback)
                fetched = time.perf_counter()
                result = cw.evaluate(facts, as_of, lookback)
                done = time.perf_counter()
                fetch.append(fetched - began)
                judge.append(done - fetched)
                total.append(done - began)

        found = {(c.adult_id, c.child_id): sorted(c.legal_bases) for c in result.candidates}
        expected = {(p["adult_id"], p["child_id"]): sorted(p["legal_bases"]) for p in truth["candidate_pairs"]}
        median = statistics.median
        print(f"records: {truth.get('total_records')}; evidence items counted by the baseline: "
              f"{sum(counted.values())} ({', '.join(f'{k} {v}' for k, v in counted.items())})")
        print(f"pairs judged: {len(result.candidates) + len(result.excluded) + len(result.not_listed)}; "
              f"candidates: {len(result.candidates)}; excluded: {len(result.excluded)}")
        print(f"answer key: {'matches' if found == expected else 'DIFFERS'} ({len(expected)} candidate pairs)")
        print(f"baseline (count evidence in one statement): {median(baseline):.2f} s")
        print(f"fetch facts: {median(fetch):.2f} s ({median(fetch) / median(baseline):.1f}x baseline)")
        print(f"judge pairs: {median(judge):.2f} s")
        print(f"candidate list, first (cold) run: {total[0]:.2f} s")
        print(f"candidate list, median of {len(total)}: {median(total):.2f} s "
              f"({median(total) / median(baseline):.1f}x baseline; {median(total) / GOAL_SECONDS:.0%} of the "
              f"{GOAL_SECONDS:.0f} s goal: {'met' if median(total) < GOAL_SECONDS else 'NOT met'})")
        return 0 if found == expected else 1
    finally:
        server.stop()
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)  # the server and, unless --scenario, the scenario


if __name__ == "__main__":
    sys.exit(main())
