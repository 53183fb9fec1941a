"""Ingest speed: a scenario into a fresh store, batched, against a naive loader in the same run.

    .venv/bin/python -m benchmarks.ingest                 # medium scenario, seed 7
    .venv/bin/python -m benchmarks.ingest --size large

Starts its own managed Neo4j in a temporary state folder (a fresh store; heap and page cache
from NEO4J_HEAP / NEO4J_PAGECACHE), generates the scenario with ``ingest.scenario.generate``
and prints:

- records/s of ``ingest_paths`` on the whole scenario into an empty store (reading,
  validation, reference checks and writing in one transaction), with the CPU seconds of this
  process and of the server: first on the new server (which also plans every statement and
  warms its JIT), then again after emptying the store, ``--rounds`` times in all, as on a
  server that has been running (the last round is the figure compared with the goal);
- records/s of re-ingesting the same files (nothing changes);
- on a self-contained slice of the scenario (the first people, vehicles, places and reports,
  and the records that refer only to them), records/s of the same batched ingest and of a
  naive loader that writes each record in its own transaction with the same statements,
  and the ratios.

Goal (issue 3): at least 10,000 records/s on a 2-core machine and at least 20 times the naive
loader. The machine's load average is printed too: other work on it slows every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from graph_service import settings as service_settings
from graph_service.db import connect
from ingest import ingest_paths, testbed, writer
from ingest.records import REFERENCED_TYPES
from ingest.run import read_batch
from ingest.scenario import generate


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def timed_ingest(db, folder: Path, server_pid: int):
    began, client, server = time.monotonic(), time.process_time(), cpu_seconds(server_pid)
    report = ingest_paths(db, [folder])
    seconds = time.monotonic() - began
    return report, seconds, time.process_time() - client, cpu_seconds(server_pid) - server


def write_slice(source: Path, out: Path, records_wanted: int) -> int:
    """The first people, vehicles, places and reports of ``source`` and every record that
    refers only to them, at least ``records_wanted`` in all, written as JSON Lines."""
    _, batch = read_batch([source])
    fraction = records_wanted / len(batch)
    while True:
        kept = {kind: set(list(batch.records[kind])[: max(1, int(len(batch.records[kind]) * fraction))])
                for kind in REFERENCED_TYPES}
        chosen = [batch.records[kind][key].record for kind in REFERENCED_TYPES for key in kept[kind]]
        chosen += [a.record for kind, by_key in batch.records.items() if kind not in REFERENCED_TYPES
                   for a in by_key.values()
                   if all(ref in kept[ref_kind] for _, ref_kind, ref in a.record.references())]
        if len(chosen) >= records_wanted or fraction >= 1:
            break
        fraction = min(1.0, fraction * 1.5)  # links need both ends kept: grow until enough
    out.mkdir(parents=True)
    with open(out / "slice.jsonl", "w", encoding="utf-8") as file:
        for record in chosen:
            file.write(json.dumps({"type": record.TYPE, **record.model_dump(mode="json", exclude_none=True)}) + "\n")
    return len(chosen)


def naive_ingest(db, folder: Path) -> tuple[int, float]:
    """Read and check like ingest_paths, then one transaction per record (same statements)."""
    began = time.monotonic()
    _, batch = read_batch([folder])
    with db.transaction() as tx:
        batch.check_references(lambda kind, ids: writer.stored_ids(tx, kind, ids))
    assert not batch.rejects, batch.rejects[:3]
    count = 0
    for kind, (to_row, statement) in writer.WRITERS.items():
        for accepted in batch.records[kind].values():
            with db.transaction() as tx:
                result = tx.run(statement, rows=[to_row(accepted.record)])[0]
                if kind == "link":
                    writer.recompute_direct(tx, writer.triples_of(result["triples"]))
            count += 1
    return count, time.monotonic() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="medium", choices=("small", "medium", "large"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--slice", type=int, default=3000, help="records in the slice for the naive loader")
    parser.add_argument("--rounds", type=int, default=3,
                        help="ingests into an emptied store, the first on the new server (at least 2)")
    args = parser.parse_args()

    work = testbed.fresh_home("graph-service-bench-ingest-")  # before the settings are read
    settings = service_settings.load()
    print(f"machine: {os.cpu_count()} cores, load average {load_average()}; "
          f"Neo4j heap {settings.neo4j_heap}, page cache {settings.neo4j_pagecache}")
    began = time.monotonic()
    scenario = generate(seed=args.seed, size=args.size, out=work / "scenario")
    print(f"scenario {args.size}, seed {args.seed}: generated in {time.monotonic() - began:.1f} s")

    server = testbed.start_server(settings)
    pid = int(server.pid_file.read_text())
    try:
        with connect(settings) as db:
            report, seconds, client, server_cpu = timed_ingest(db, scenario, pid)
            print(f"first ingest on a new server, empty store: {report.read:,} records in {seconds:.1f} s = "
                  f"{report.read / seconds:,.0f} records/s (CPU: client {client:.1f} s, server {server_cpu:.1f} s, "
                  f"which includes planning every statement and the JIT warming up)")
            # A server that has been running has both behind it: empty the store and measure
            # again, a few times (the JVM goes on compiling the paths an ingest takes).
            for round_number in range(2, args.rounds + 1):
                db.apply("db/wipe")
                report, seconds, client, server_cpu = timed_ingest(db, scenario, pid)
                print(f"ingest {round_number}, running server, empty store: {report.read:,} records in {seconds:.1f} s = "
                      f"{report.read / seconds:,.0f} records/s (CPU: client {client:.1f} s, server {server_cpu:.1f} s; "
                      f"{sum(report.created.values()):,} created, {report.rejected} rejected)")
            full_rate = report.read / seconds
            again, seconds, client, server_cpu = timed_ingest(db, scenario, pid)
            print(f"re-ingest, nothing changes: {again.read:,} records in {seconds:.1f} s = "
                  f"{again.read / seconds:,.0f} records/s ({sum(again.created.values()) + sum(again.updated.values())} "
                  f"created or updated)")

            sliced = work / "slice"
            count = write_slice(scenario, sliced, args.slice)
            db.apply("db/wipe")
            slice_report, seconds, _, _ = timed_ingest(db, sliced, pid)
            slice_rate = slice_report.read / seconds
            db.apply("db/wipe")
            naive_count, naive_seconds = naive_ingest(db, sliced)
            naive_rate = naive_count / naive_seconds
            print(f"slice of {count:,} records: batched {slice_rate:,.0f} records/s, "
                  f"naive (one transaction per record) {naive_rate:,.0f} records/s")
            print(f"batched / naive: {full_rate / naive_rate:.1f}x (whole {args.size} scenario, batched, against "
                  f"the naive loader on the slice); {slice_rate / naive_rate:.1f}x with both on the slice")
            verdict = "met" if full_rate >= 10_000 and full_rate / naive_rate >= 20 else "NOT met"
            print(f"goal (10,000 records/s and 20x the naive loader, running server): {verdict} "
                  f"({full_rate:,.0f} records/s, {full_rate / naive_rate:.1f}x)")
            print(f"load average at the end: {load_average()}")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
