"""Benchmark: the networks and candidate lists narrowed to an area (issue #14), on the medium
scenario (goal: a narrowed first page of networks, people of the area included, under the 2 s a
page may take at its first load).

    .venv/bin/python -m benchmarks.area_filter [--size medium] [--seed 7] [--home DIR] [--repeat 3]

Starts the managed Neo4j of its own state folder (temporary unless ``--home``; a store that
already holds people is not loaded again), ingests the scenario, loads its force, councils and
wards, and finds its networks. Then, for the force, the first council and its first ward: the
people whose evidence lies in the area (``cypher/areas/people_with_evidence.cypher``), the first
page of the networks of concern with the counts, narrowed to those people, and today's
candidate list narrowed to them (the list itself is worked out once: pages keep it); then how
many networks and children the cross-border view lists across councils and across wards. The
baseline, measured on the same server in the same run, is the first page of the whole list with
its counts. Medians of ``--repeat`` warm runs, with the machine's load average beside them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date

from ingest import testbed

GOAL_SECONDS = 2.0
PAGE_ROWS = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    testbed.benchmark_options(parser)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    home = testbed.benchmark_home(args)

    from graph_service import settings as service_settings
    from graph_service.analysis import cross_border
    from graph_service.analysis.area_filter import candidates_in_area, people_in_area
    from graph_service.analysis.candidates import candidate_list
    from graph_service.analysis.networks import count_networks, list_networks, run_networks
    from graph_service.db import connect

    settings = service_settings.load()
    print(f"machine: {os.cpu_count()} cores, load average {testbed.load_average()} (other work shares the machine)")
    server = testbed.start_server(settings)
    try:
        with connect(settings) as db:
            folder, truth = testbed.scenario(home / "scenario", args.seed, args.size)
            if testbed.load_scenario(db, folder):
                testbed.load_areas(db, folder)
            as_of = date.fromisoformat(truth["as_of"])
            if not list_networks(db, limit=1):
                run_networks(db, as_of=as_of)
            areas = db.read("areas/list")
            chosen = [next(a for a in areas if a["level"] == level) for level in ("force", "local_authority", "ward")]

            def first_page(people=None):
                count_networks(db, people)
                return list_networks(db, of_concern=True, offset=0, limit=PAGE_ROWS, person_ids=people)

            first_page()  # planned once, as every figure below is a warm one
            baseline = _median(first_page, args.repeat)
            totals = count_networks(db)
            print(f"baseline (first page of the whole list and its counts): {baseline:.3f} s; "
                  f"{totals['total']} networks, {totals['of_concern']} of concern")
            began = time.monotonic()
            whole = candidate_list(db, as_of)
            print(f"candidate list as of {as_of} worked out once: {time.monotonic() - began:.1f} s, "
                  f"{len(whole.candidates)} candidates, {len(whole.excluded)} excluded")
            worst = 0.0
            for area in chosen:
                people_in_area(db, area["area_id"])  # planned
                people = people_in_area(db, area["area_id"])
                find = _median(lambda: people_in_area(db, area["area_id"]), args.repeat)  # noqa: B023
                page = _median(lambda: first_page(people), args.repeat)  # noqa: B023
                narrowed = count_networks(db, people)
                listed = candidates_in_area(whole, people)
                filtering = _median(lambda: candidates_in_area(whole, people), args.repeat)  # noqa: B023
                worst = max(worst, find + page)
                print(f"{area['name']} ({area['level']}, {area['places']} places): {len(people)} people; "
                      f"people {find:.3f} s, first page {page:.3f} s ({(find + page) / baseline:.1f}x baseline): "
                      f"{narrowed['total']} networks, {narrowed['of_concern']} of concern; candidates "
                      f"{len(listed.candidates)}, excluded {len(listed.excluded)}, filtered in {filtering * 1000:.1f} ms")
            for level in ("local_authority", "ward"):  # the cross-border view's counts at both levels
                began = time.monotonic()
                networks = cross_border.networks_across_areas(db, level, 0, 1)["total"]
                children = cross_border.children_across_areas(db, level, 0, 1, as_of)["total"]
                print(f"across {level} areas: {networks} networks, {children} children "
                      f"({time.monotonic() - began:.2f} s)")
    finally:
        server.stop()
    print(f"slowest narrowed first page, people included: {worst:.3f} s ({worst / GOAL_SECONDS:.0%} of the "
          f"{GOAL_SECONDS:.0f} s goal: {'met' if worst < GOAL_SECONDS else 'NOT met'}); load average now "
          f"{testbed.load_average()}")
    return 0 if worst < GOAL_SECONDS else 1


def _median(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.monotonic()
        work()
        times.append(time.monotonic() - began)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
