"""Benchmark: evaluating every alert rule after an ingest of the medium scenario (goal: under 3 s).

    .venv/bin/python -m benchmarks.alerts [--size medium] [--seed 7] [--home DIR] [--repeat 3]

Starts the managed Neo4j of its own state folder (temporary unless ``--home``; a store that
already holds people is not loaded again), ingests the scenario (which evaluates the alerts
once, as every ingest does), then times: the first evaluation over a store with no alerts
(reading the facts, the rules, storing every alert), and evaluations that find nothing new.
The baseline, measured on the same server, is one statement counting the records the rules
read. The breach alerts are checked against the scenario's answer key.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from ingest import testbed

GOAL_SECONDS = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    testbed.benchmark_options(parser)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    home = testbed.benchmark_home(args)

    from graph_service.analysis import alerts
    from graph_service.analysis.alerts import store

    with testbed.scenario_database(args, home) as (db, _, truth):
        baseline = _timed(lambda: db.read_text(
            "MATCH (n) WHERE n:Notice OR n:MissingEpisode OR n:Sighting OR n:Watch RETURN count(n)"))
        firsts, agains = [], []
        for _ in range(args.repeat):
            db.write_text("MATCH (a:Alert) DETACH DELETE a")
            firsts.append(_timed(lambda: alerts.evaluate(db)))
            agains.append(_timed(lambda: alerts.evaluate(db)))
        raised = store.inbox(db, ["role:disruption_lead"], 1, 200, "breach").items
        found = sorted((a["evidence"][0]["id"], a["evidence"][1]["kind"], a["evidence"][1]["id"]) for a in raised)
        expected = [(b["notice_id"], b["kind"], b["record_id"]) for b in truth["alerts"]["breaches"]]
    first, again = statistics.median(firsts), statistics.median(agains)
    print(f"baseline (count the facts): {baseline:.3f} s")
    print(f"first evaluation (store every alert): median {first:.2f} s of {args.repeat} "
          f"({first / GOAL_SECONDS:.0%} of the {GOAL_SECONDS:.0f} s goal; {first / baseline:.0f}x baseline)")
    print(f"evaluation finding nothing new: median {again:.2f} s")
    print(f"breach alerts: {len(found)}, answer key: {len(expected)}, equal: {found == expected}")
    return 0 if found == expected and first < GOAL_SECONDS else 1


def _timed(work) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


if __name__ == "__main__":
    sys.exit(main())
