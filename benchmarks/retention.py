"""Benchmark: deleting a person at review on a loaded scenario (goal on the large scenario: under 2 s).

    .venv/bin/python -m benchmarks.retention [--size medium] [--seed 7] [--home DIR] [--people 5] [--no-networks]

Starts the managed Neo4j of its own state folder (temporary unless ``--home``; a store that
already holds people is not loaded again), ingests the scenario (in parts on the large one),
finds its networks (so memberships and ties are there to delete), then deletes the most
connected people of the planted networks (the scenario's suspected perpetrators: the people
with the most records), one transaction each. The baseline, measured on the same server just
before each deletion, is reading what that deletion will remove (the same scope statement, in
a read transaction). Also times a page of the review queue, read from the records' stored review
dates, against dating every record again (what a change of policy costs once, and about what
working the queue out from every record cost before the dates were stored).
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    testbed.benchmark_options(parser)
    parser.add_argument("--people", type=int, default=5, help="people deleted, one at a time")
    parser.add_argument("--no-networks", action="store_true", help="skip network detection before deleting")
    args = parser.parse_args()
    home = testbed.benchmark_home(args)  # a kept one is changed: the deletions are real

    from graph_service import settings as service_settings
    from graph_service.analysis.networks import run_networks
    from graph_service.analysis.retention import deletion, due_dates, queue
    from graph_service.db import connect

    settings = service_settings.load()
    print(f"machine: {os.cpu_count()} cores, load average {testbed.load_average()} (other work shares the machine)")
    server = testbed.start_server(settings)
    try:
        with connect(settings) as db:
            folder, truth = testbed.scenario(home / "scenario", args.seed, args.size)
            as_of = date.fromisoformat(truth["as_of"])
            began = time.perf_counter()
            if testbed.load_scenario(db, folder):
                print(f"loaded {truth['total_records']:,} records in {time.perf_counter() - began:.0f} s")
            if not args.no_networks:
                began = time.perf_counter()
                run = run_networks(db, as_of=as_of)
                print(f"networks found: {len(run.result.networks)} in {time.perf_counter() - began:.0f} s")
            # Every record dated again, as after a change of policy (the baseline), then pages of
            # the queue from the stored dates: the first (its statements planned), then the
            # median of three more, and one deep in the list.
            db.write("retention/set_review_policy", policy="a policy no longer in force")
            dated: list = []
            again = _timed(lambda: dated.append(due_dates.bring_up_to_date(db)))
            first: list = []
            first_page = _timed(lambda: first.append(queue.due(db, as_of, 1, 25)))
            paged = statistics.median(_timed(lambda n=n: queue.due(db, as_of, n, 25)) for n in (2, 3, 4))
            deep = _timed(lambda: queue.due(db, as_of, 400, 25))
            print(f"review queue due by {as_of} ({first[0].total:,} records due): a page {paged:.3f} s "
                  f"(the first {first_page:.2f} s, page 400 {deep:.2f} s); dating every record again "
                  f"({dated[0]:,} records, once after a change of policy) {again:.1f} s, {again / paged:.0f}x a page; "
                  f"goal for a page 2 s: {'met' if max(paged, first_page) < 2 else 'NOT met'}")
            people = [p for n in truth["networks"] for p in n["suspected_perpetrators"]]
            people = [p for p in dict.fromkeys(people) if db.read("retention/record", records=[
                {"record_id": p, "record_type": "person"}])][: args.people]
            baselines, times, scans = [], [], []
            for person_id in people:
                scope: list = []
                baselines.append(_timed(lambda pid=person_id, found=scope: found.extend(
                    db.read("retention/person_deletion_scope", person_id=pid))))
                ids = [person_id] + [i for key, value in scope[0].items() if key.endswith(("_ids", "_keys"))
                                     and not key.startswith("kept") for i in value]
                # Before: how the deletion found the ties to correct, reading every tie in the store
                # (replaced by the ties of the people the deleted records name, in delete_derived).
                scans.append(_timed(lambda ids=ids: db.read_text(
                    "MATCH (:Person)-[t:TIED_TO]->(:Person) WHERE any(rid IN t.evidence_ids WHERE rid IN $ids) "
                    "RETURN count(t) AS ties", {"ids": ids})))
                began = time.perf_counter()
                deleted = deletion.delete_person(db, person_id)
                times.append(time.perf_counter() - began)
                print(f"  deleted {person_id}: {deleted.count} records, "
                      f"{sum(deleted.derived.values())} derived items, in {times[-1]:.2f} s "
                      f"(reading its scope: {baselines[-1]:.2f} s; before, reading every tie: {scans[-1]:.2f} s)")
    finally:
        server.stop()
    median, baseline = statistics.median(times), statistics.median(baselines)
    met = median < GOAL_SECONDS
    print(f"delete a person ({args.size}): median {median:.2f} s of {len(times)}, "
          f"{median / baseline:.1f}x reading its scope; goal under {GOAL_SECONDS:.0f} s "
          f"({'on the large scenario' if args.size != 'large' else 'here'}): {'met' if met else 'NOT met'}")
    print(f"before: the scan of every tie the deletion used to make took a median {statistics.median(scans):.2f} s "
          f"on its own (now {median:.2f} s for the whole deletion)")
    print(f"load average at the end: {testbed.load_average()}")
    return 0 if met else 1


def _timed(work) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


if __name__ == "__main__":
    sys.exit(main())
