"""What the publish guard costs a read: the person page's data and the home page's counts, read
with the guard (as the service reads) and without it (the same statements in a plain read
transaction), in the same run, on one scenario (docs/scaling.md, "A publish in batches").

    .venv/bin/python -m benchmarks.read_guard                  # medium scenario, seed 7

Every read transaction of the service runs ``cypher/db/publish_state.cypher`` at its start and
at its end (:meth:`graph_service.db.Database._read`). Prints the median milliseconds of each
read both ways, their difference and their ratio, alternating the two so that the machine's
load falls on both alike.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from ingest import testbed


def elapsed_ms(work) -> float:
    began = time.perf_counter()
    work()
    return (time.perf_counter() - began) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    testbed.benchmark_options(parser)
    parser.add_argument("--people", type=int, default=200, help="people whose page data is read")
    args = parser.parse_args()
    home = testbed.benchmark_home(args)

    from graph_service.web import queries

    with testbed.scenario_database(args, home) as (db, _, _):
        ids = [row["id"] for row in db.read_text("MATCH (p:Person) RETURN p.person_id AS id")]
        people = random.Random(args.seed).sample(ids, min(args.people, len(ids)))
        guarded_read = db._read
        unguarded = _Unguarded(db)
        reads = {"person page data": lambda: [queries.person(db, p) for p in people],
                 "home page counts": lambda: [queries.counts(db) for _ in people]}
        for work in reads.values():
            work()  # plans and caches warm
        results = {}
        for name, work in reads.items():
            with_guard, without = [], []
            for _ in range(5):
                db._read = guarded_read
                with_guard.append(elapsed_ms(work) / len(people))
                db._read = unguarded
                without.append(elapsed_ms(work) / len(people))
            db._read = guarded_read
            results[name] = statistics.median(with_guard), statistics.median(without)
    print(f"{args.size} scenario, {len(people)} reads of each, load average {testbed.load_average()}")
    for name, (with_guard, without) in results.items():
        print(f"{name}: {with_guard:.2f} ms a read with the guard, {without:.2f} ms without; "
              f"+{with_guard - without:.2f} ms ({with_guard / without:.2f}×)")
    return 0


class _Unguarded:
    """The read as it was before the guard: the work alone in a read transaction."""

    def __init__(self, db):
        self.db = db

    def __call__(self, work):
        with self.db.session(write=False) as session:
            return session.execute_read(work)


if __name__ == "__main__":
    raise SystemExit(main())
