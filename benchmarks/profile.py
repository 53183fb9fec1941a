"""Benchmark: the problem profile of a council for three months, with a meeting date, on the
medium scenario (goal: under 5 s).

    .venv/bin/python -m benchmarks.profile [--size medium] [--seed 7] [--home DIR] [--repeat 3]

Starts the managed Neo4j of its own state folder (temporary unless ``--home``; a store that
already holds people is not loaded again), ingests the scenario and loads its councils and
wards, then times the police profile of the first council (its facts, the counting and the
small multiples of its wards): the first (cold: statements not yet planned, caches empty) and
then warm runs, the partner version, and the printable pack drawn from it (charts included);
then what the profile page's first load costs with the kept profiles of ``web/profile_cache.py``:
before the profile is worked out (the page waits 1.5 s, then says it is being worked out) and
once it is kept (as the server's warm-up leaves the force's).
The baseline, measured on the same server in the same run, is one statement counting the
council's places. The machine's load average is printed beside the figures: on a shared
machine they are not those of a quiet one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date

from ingest import testbed

GOAL_SECONDS = 5.0
PERIOD = (date(2026, 8, 1), date(2026, 10, 31))
MEETING = date(2026, 10, 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    testbed.benchmark_options(parser)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    home = testbed.benchmark_home(args)

    from graph_service import settings as service_settings
    from graph_service.analysis.profile import build_profile
    from graph_service.db import connect
    from graph_service.web.profile_pack import render_pack

    settings = service_settings.load()
    print(f"machine: {os.cpu_count()} cores, load average {testbed.load_average()} (other work shares the machine)")
    server = testbed.start_server(settings)
    try:
        with connect(settings) as db:
            folder, _ = testbed.scenario(home / "scenario", args.seed, args.size)
            if testbed.load_scenario(db, folder):
                testbed.load_areas(db, folder)
            council = next(a for a in db.read("areas/list") if a["level"] == "local_authority")
            print(f"council: {council['name']}, {council['places']} places; period {PERIOD[0]} to {PERIOD[1]}, "
                  f"meeting {MEETING}")
            def count_places():
                db.read_text("MATCH (:Area {area_id: $id})<-[:IN_AREA]-(l:Location) RETURN count(l)",
                             {"id": council["area_id"]})

            count_places()  # planned once: the baseline is a warm statement, like the warm profiles
            baseline = _timed(count_places)

            def profile(partner: bool = False) -> dict:
                return build_profile(db, council["area_id"], *PERIOD, since=MEETING, partner=partner)

            cold = _timed(profile)
            warm = [_timed(profile) for _ in range(args.repeat)]
            partner = [_timed(lambda: profile(True)) for _ in range(args.repeat)]
            made = profile()
            pack = _timed(lambda: render_pack(made))
            page_first, page_kept = _page_loads(settings, council["area_id"])
    finally:
        server.stop()
    median = statistics.median(warm)
    print(f"baseline (count the council's places): {baseline:.3f} s")
    print(f"police profile, first (cold) run: {cold:.2f} s")
    print(f"police profile, warm: median {median:.2f} s of {args.repeat} ({median / baseline:.0f}x baseline; "
          f"{median / GOAL_SECONDS:.0%} of the {GOAL_SECONDS:.0f} s goal: {'met' if median < GOAL_SECONDS else 'NOT met'})")
    print(f"partner profile, warm: median {statistics.median(partner):.2f} s")
    print(f"printable pack (charts and tables) from a profile: {pack:.2f} s")
    print(f"profile page, before it is kept (the page's wait, then the 'being worked out' notice): {page_first:.2f} s")
    print(f"profile page, once kept (warm-up or an earlier visitor; version check included): {page_kept:.3f} s "
          f"({median / page_kept:.0f}x faster than working it out; page goal 2 s: {'met' if page_kept < 2 else 'NOT met'})")
    print(f"children at risk: {made['victims']['total']}; wards drawn: {len((made['by_area'] or {}).get('areas', []))}")
    print(f"load average at the end: {testbed.load_average()}")
    return 0 if median < GOAL_SECONDS else 1


def _page_loads(settings, area_id: str) -> tuple[float, float]:
    """What the profile page's first load costs: while the profile is still being worked out
    (the page waits, then says so) and once it is kept (as the warm-up leaves it)."""
    from graph_service.web import create_app, profile_cache

    app = create_app(settings)
    profiles = app.extensions["profiles"]
    asked = profile_cache.Asked(area_id, *PERIOD, MEETING, False)
    profile_cache.version(app)  # the version statement planned, as the server's warm-up leaves it
    first = _timed(lambda: profiles.get(app, asked, wait=profile_cache.PAGE_WAIT_SECONDS))
    profiles.get(app, asked)  # worked out: as the warm-up leaves it
    kept = statistics.median(_timed(lambda: profiles.get(app, asked, wait=profile_cache.PAGE_WAIT_SECONDS))
                             for _ in range(3))
    return first, kept


def _timed(work) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


if __name__ == "__main__":
    sys.exit(main())
