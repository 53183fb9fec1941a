"""Ingest speed: a scenario into a fresh store, staged and published, against today's path
(issue #17: one transaction, or parts for the large scenario) and a naive loader in the same run.

    .venv/bin/python -m benchmarks.ingest                 # medium scenario, seed 7
    .venv/bin/python -m benchmarks.ingest --size large    # one command, then today's parts

Starts its own managed Neo4j in a temporary state folder (a fresh store; heap and page cache
from NEO4J_HEAP / NEO4J_PAGECACHE), generates the scenario with ``ingest.scenario.generate``
and prints:

- records/s of ``ingest_paths`` (reading, validation, reference checks, staging in batches
  and the publish) on the whole scenario into an empty store, with the CPU seconds of this
  process and of the server: first on the new server (which also plans every statement and
  warms its JIT), then again after emptying the store, ``--rounds`` times in all, as on a
  server that has been running (the last round is the figure compared with the goal);
- the same for today's path before issue #17 (:func:`one_transaction_ingest`: every record
  merged in one transaction), on a restarted server and on the running one; for the large
  scenario, which does not fit one transaction in a 4 GB heap, in parts of 100,000 records
  (``testbed.load_in_parts`` with that loader), as it was loaded before;
- records/s of re-ingesting the same files (nothing changes);
- on a self-contained slice of the scenario (the first people, vehicles, places and reports,
  and the records that refer only to them), records/s of the batched ingest and of a naive
  loader that writes each record in its own transaction, and the ratios.

Goals (issue #17): medium at 25,000 records/s on a running server and 15,000 on a new one;
the large scenario in one command in under 60 s. The machine's load average is printed too:
other work on it slows every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from graph_service import settings as service_settings
from graph_service.analysis import alerts
from graph_service.db import connect
from ingest import ingest_paths, testbed, writer
from ingest.areas import link_locations
from ingest.records import REFERENCED_TYPES
from ingest.run import read_batch
from ingest.scenario import generate


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_ingest(db, folder: Path, server_pid: int):
    return timed(ingest_paths, db, [folder], server_pid=server_pid)


def one_transaction_ingest(db, folder: Path):
    """Today's path before issue #17, for comparison: read and check as ``ingest_paths``
    does, then merge every record in one transaction, then evaluate alerts."""
    _, batch = read_batch([folder])
    with db.transaction(lock="ingest") as tx:
        batch.check_references(lambda kind, ids: writer.stored_ids(tx, kind, ids))
        assert not batch.rejects, batch.rejects[:3]
        written = writer.write(tx, batch.valid_records())
        if written.created["location"] or written.updated["location"]:
            link_locations(tx)
    alerts.evaluate(db)
    return batch.read


def timed(load, *args, server_pid: int):
    """``load(*args)``: its result, wall seconds, CPU seconds of this process and of the server."""
    began, client, server = time.monotonic(), time.process_time(), cpu_seconds(server_pid)
    result = load(*args)
    return result, time.monotonic() - began, time.process_time() - client, cpu_seconds(server_pid) - server


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
    parser.add_argument("--size", default="medium", choices=list(testbed.SIZES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--slice", type=int, default=3000, help="records in the slice for the naive loader")
    parser.add_argument("--rounds", type=int, default=3,
                        help="ingests into an emptied store, the first on the new server (at least 2)")
    parser.add_argument("--skip-naive", action="store_true", help="leave out the naive loader on a slice")
    args = parser.parse_args()

    work = testbed.fresh_home("graph-service-bench-ingest-")  # before the settings are read
    settings = service_settings.load()
    print(f"machine: {os.cpu_count()} cores, load average {testbed.load_average()}; "
          f"Neo4j heap {settings.neo4j_heap}, page cache {settings.neo4j_pagecache}")
    began = time.monotonic()
    scenario = generate(seed=args.seed, size=args.size, out=work / "scenario")
    print(f"scenario {args.size}, seed {args.seed}: generated in {time.monotonic() - began:.1f} s")

    server = testbed.start_server(settings)
    pid = int(server.pid_file.read_text())
    large = args.size == "large"
    figures = {}
    try:
        with connect(settings) as db:
            report, seconds, client, server_cpu = timed_ingest(db, scenario, pid)
            figures["new"] = report.read / seconds
            print(f"staged ingest on a new server, empty store, one command: {report.read:,} records in "
                  f"{seconds:.1f} s = {figures['new']:,.0f} records/s (CPU: client {client:.1f} s, server "
                  f"{server_cpu:.1f} s, which includes planning every statement and the JIT warming up)")
            figures["large_seconds"] = seconds
            # A server that has been running has both behind it: empty the store and measure
            # again, a few times (the JVM goes on compiling the paths an ingest takes).
            for round_number in range(2, args.rounds + 1):
                db.apply("db/wipe")
                report, seconds, client, server_cpu = timed_ingest(db, scenario, pid)
                figures["running"] = report.read / seconds
                print(f"staged ingest {round_number}, running server, empty store: {report.read:,} records in "
                      f"{seconds:.1f} s = {figures['running']:,.0f} records/s (CPU: client {client:.1f} s, "
                      f"server {server_cpu:.1f} s; {sum(report.created.values()):,} created, "
                      f"{report.rejected} rejected)")
            again, seconds, client, server_cpu = timed_ingest(db, scenario, pid)
            print(f"re-ingest, nothing changes: {again.read:,} records in {seconds:.1f} s = "
                  f"{again.read / seconds:,.0f} records/s ({sum(again.created.values()) + sum(again.updated.values())} "
                  f"created or updated)")

            db.apply("db/wipe")
            if large:
                read, seconds, client, server_cpu = timed(
                    lambda: testbed.load_in_parts(db, scenario, work / "parts", load=one_transaction_ingest),
                    server_pid=pid)
                figures["today_running"] = read / seconds
                print(f"today's path, in parts of {testbed.PART_RECORDS:,} (one transaction each), running "
                      f"server: {read:,} records in {seconds:.1f} s = {figures['today_running']:,.0f} records/s "
                      f"(CPU: client {client:.1f} s, server {server_cpu:.1f} s)")
            else:
                read, seconds, client, server_cpu = timed(one_transaction_ingest, db, scenario, server_pid=pid)
                figures["today_running"] = read / seconds
                print(f"today's path, one transaction, running server: {read:,} records in {seconds:.1f} s = "
                      f"{figures['today_running']:,.0f} records/s (CPU: client {client:.1f} s, "
                      f"server {server_cpu:.1f} s)")
                # Today's path on a new server too: restart it (the store is kept, so empty it).
                db.apply("db/wipe")
                server.stop()
                server.start()
                pid = int(server.pid_file.read_text())
            if not large:
                with connect(settings) as fresh:
                    read, seconds, client, server_cpu = timed(one_transaction_ingest, fresh, scenario, server_pid=pid)
                figures["today_new"] = read / seconds
                print(f"today's path, one transaction, new server: {read:,} records in {seconds:.1f} s = "
                      f"{figures['today_new']:,.0f} records/s (CPU: client {client:.1f} s, server {server_cpu:.1f} s)")

        with connect(settings) as db:
            if not args.skip_naive:
                sliced = work / "slice"
                count = write_slice(scenario, sliced, args.slice)
                db.apply("db/wipe")
                slice_report, seconds, _, _ = timed_ingest(db, sliced, pid)
                slice_rate = slice_report.read / seconds
                db.apply("db/wipe")
                naive_count, naive_seconds = naive_ingest(db, sliced)
                naive_rate = naive_count / naive_seconds
                print(f"slice of {count:,} records: staged {slice_rate:,.0f} records/s, "
                      f"naive (one transaction per record) {naive_rate:,.0f} records/s; "
                      f"whole scenario staged / naive: {figures.get('running', figures['new']) / naive_rate:.1f}x")
            running = figures.get("running", figures["new"])  # --rounds 1: the new server's figure
            print(f"staged / today's path, running server: {running / figures['today_running']:.2f}x"
                  + (f"; new server: {figures['new'] / figures['today_new']:.2f}x" if "today_new" in figures else ""))
            if large:
                verdict = "met" if figures["large_seconds"] < 60 else "NOT met"
                print(f"goal (the large scenario in one command in under 60 s): {verdict} "
                      f"({figures['large_seconds']:.1f} s on a new server)")
            else:
                verdict = "met" if running >= 25_000 and figures["new"] >= 15_000 else "NOT met"
                print(f"goal (25,000 records/s on a running server, 15,000 on a new one): {verdict} "
                      f"({running:,.0f} and {figures['new']:,.0f} records/s)")
            print(f"load average at the end: {testbed.load_average()} (other engineers' work shares the 2 cores)")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
