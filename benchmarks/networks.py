"""Benchmark: network detection on the large scenario and on LFR graphs of 20k and 200k nodes.

    .venv/bin/python -m benchmarks.networks [--size large] [--seed 7] [--scenario DIR] [--home DIR]
                                            [--lfr 20000 200000] [--no-scenario]

Part 1 starts the managed Neo4j of its own state folder (temporary unless ``--home``; a store
that already holds people is not loaded again), writes the scenario (or reuses ``--scenario
DIR``), ingests it (the large one in parts, as the other benchmarks do), and times three network
runs with the default objective (CPM) stage by stage, as ``networks detect`` runs them: the
reads (the Cypher projection into NetworkX, the previous IDs and the facts concern profiles
read, all asked for at once), detection, IDs with key players and
concern profiles, and the write-back of what changed, then the end-to-end total beside the
detection time (goal of issue #13: under 20 s on the large scenario). The first run writes
every row (nothing is stored yet, or rows of an older version without fingerprints); the
second, with no new evidence, is what a run after an ingest that changes little costs; the
third, a day later, is the daily run: every weight has aged, so nearly every row is set. It
prints each planted network's match (precision, recall, concern rank) against
``ground_truth.json`` with the goals: each matched by its own network with precision and
recall of at least 0.9, all in the top (planted + 2) of the concern ranking. Louvain and
Leiden (modularity) are timed side by side on the same graph.

Part 2 times detection alone on LFR benchmark graphs (NetworkX generator, planted
communities): NetworkX Louvain, the baseline, against the large-graph engine (igraph Leiden)
in the same run, with the NMI of each against the planted communities. Goals: at 200k nodes
the large-graph engine is at least 5x faster with NMI within 0.02 of Louvain's, and detection
on a graph of a million edges or more takes under 30 s.

Part 3 (``--edgelist-people N ...``) times ``graph-service networks detect --edgelist FILE
--json`` end to end on a generated edge list of N people and 9.2 ties each (groups of 10 to
100 people, 85 % of ties inside them), each path in a process of its own so that its peak
memory is its own: the row-by-row NetworkX reader (the old path, the baseline) and the array
reader into igraph (the command's path). Goal (issue #17): a million people, 9.2 million ties
in under 60 s and 8 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ingest import testbed

SPEEDUP_GOAL = 5.0
NMI_GAP_GOAL = 0.02
MILLION_EDGE_GOAL_SECONDS = 30.0
EDGELIST_GOAL_SECONDS = 60.0
PIPELINE_GOAL_SECONDS = 20.0
#: Runs after the first that warm the server before the goal is judged.
WARM_UP_RUNS = 2
PLANTED_GOAL = 0.9
EDGELIST_GOAL_BYTES = 8 * 2**30
TIES_PER_PERSON = 9.2


def lfr_graph(n: int, seed: int = 3):
    """An LFR graph of ``n`` nodes, average degree 10 (about 5n edges), mixing 0.2."""
    import networkx as nx

    graph = nx.LFR_benchmark_graph(
        n, tau1=2.5, tau2=1.5, mu=0.2, average_degree=10, max_degree=100,
        min_community=20, max_community=500, seed=seed,
    )
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    return graph


def planted_nmi(graph, partition) -> float:
    import igraph

    planted: dict = {}
    nodes = list(graph)
    truth = [planted.setdefault(frozenset(graph.nodes[n]["community"]), len(planted)) for n in nodes]
    return igraph.compare_communities(truth, [partition.membership[n] for n in nodes], method="nmi")


def bench_lfr(sizes: list[int]) -> bool:
    from graph_service.analysis.communities import detect_networks

    ok = True
    print("\n== detection alone on LFR graphs (mixing 0.2, average degree 10)")
    print(f"{'nodes':>8} {'edges':>9} | {'louvain s':>9} {'NMI':>6} | {'leiden s':>8} {'NMI':>6} | {'speed-up':>8} {'NMI gap':>7}")
    for n in sizes:
        began = time.perf_counter()
        graph = lfr_graph(n)
        made = time.perf_counter() - began
        louvain = detect_networks(graph, method="louvain")
        leiden = detect_networks(graph, method="leiden")
        nmi_louvain, nmi_leiden = planted_nmi(graph, louvain), planted_nmi(graph, leiden)
        speedup = louvain.seconds / leiden.seconds
        gap = nmi_louvain - nmi_leiden
        print(f"{n:>8} {graph.number_of_edges():>9} | {louvain.seconds:>9.2f} {nmi_louvain:>6.3f} | "
              f"{leiden.seconds:>8.2f} {nmi_leiden:>6.3f} | {speedup:>7.1f}x {gap:>+7.3f}"
              f"   (graph generated in {made:.1f} s)")
        if n >= 200_000:
            met = speedup >= SPEEDUP_GOAL and gap <= NMI_GAP_GOAL
            ok &= met
            print(f"   goal at {n} nodes: leiden >= {SPEEDUP_GOAL:.0f}x faster with NMI within {NMI_GAP_GOAL}: "
                  f"{'met' if met else 'NOT met'}")
        if graph.number_of_edges() >= 1_000_000:
            met = leiden.seconds < MILLION_EDGE_GOAL_SECONDS
            ok &= met
            print(f"   goal: detection on {graph.number_of_edges()} edges under {MILLION_EDGE_GOAL_SECONDS:.0f} s "
                  f"({method_name(graph)} engine by default): {leiden.seconds:.1f} s, {'met' if met else 'NOT met'}")
    return ok


def method_name(graph) -> str:
    from graph_service.analysis.communities import choose_method

    return choose_method(graph)


def planted_goals(truth: dict, result) -> bool:
    """Print and check issue #13's goals: each planted network matched by its own detected network
    with precision and recall of at least 0.9, all within the top (planted + 2) of concern."""
    from ingest.testbed import recovery

    nmi, rows = recovery(truth, result.network_of)
    ranks = [result.concern_rank.get(row["found"]) for row in rows]
    print(f"  planted networks: NMI {nmi:.3f}")
    for row, rank in zip(rows, ranks, strict=True):
        print(f"    planted {row['network']}: found network {row['found']} "
              f"({len(result.networks.get(row['found'], ()))} people), precision {row['precision']:.2f}, "
              f"recall {row['recall']:.2f}, concern rank {rank}")
    found = [row["found"] for row in rows]
    top = len(rows) + 2
    matched = len(set(found)) == len(found) and None not in found
    quality = all(row["precision"] >= PLANTED_GOAL and row["recall"] >= PLANTED_GOAL for row in rows)
    ranked = all(rank is not None and rank <= top for rank in ranks)
    print(f"  goal: each planted network its own network with precision and recall >= {PLANTED_GOAL}: "
          f"{'met' if matched and quality else 'NOT met'}; all in the top {top} of concern: "
          f"{'met' if ranked else 'NOT met'}")
    return matched and quality and ranked


def bench_scenario(args: argparse.Namespace) -> bool:
    home = testbed.benchmark_home(args)  # before the settings are read

    from graph_service import settings as service_settings
    from graph_service.analysis.communities import detect_networks
    from graph_service.db import connect

    settings = service_settings.load()
    print(f"== the network pipeline on the {args.size} scenario (seed {args.seed}), stage by stage")
    server = testbed.start_server(settings)
    try:
        folder, truth = testbed.scenario(args.scenario or home / "scenario", args.seed, args.size)
        as_of = date.fromisoformat(truth["as_of"])
        with connect(settings) as db:
            began = time.perf_counter()
            if loaded := testbed.load_scenario(db, folder):
                print(f"ingested {loaded} records in {time.perf_counter() - began:.1f} s")
            # The first runs after a start are printed but not judged: the server's page cache
            # and compiled plans are cold, and its Java code warms up over them. The daily run
            # meets a server that has run for days, so the goal is judged on a warm one.
            result, _ = timed_run(db, as_of, "a run over the store as it is, just after the server starts "
                                  "(not judged against the goal)", f"benchmark-{time.time_ns()}")
            for day in range(WARM_UP_RUNS):
                timed_run(db, as_of + timedelta(days=day + 1), f"warming up the server, run {day + 1} of "
                          f"{WARM_UP_RUNS} (not judged)", f"benchmark-{time.time_ns()}")
            later = as_of + timedelta(days=WARM_UP_RUNS)
            _, again_ok = timed_run(db, later, "the next run (no new evidence: as after an ingest that changes "
                                    "little)", f"benchmark-{time.time_ns()}")
            _, later_ok = timed_run(db, later + timedelta(days=1), "a run a day later (every item of evidence "
                                    "a day older: the run each day's ingest is followed by)",
                                    f"benchmark-{time.time_ns()}")
            ok = again_ok and later_ok
            graph = result.graph
            ok &= planted_goals(truth, result)
            louvain = detect_networks(graph, method="louvain")
            leiden = detect_networks(graph, method="leiden")
            print(f"  same graph, modularity: louvain {louvain.seconds:.2f} s, leiden {leiden.seconds:.2f} s "
                  f"({louvain.seconds / max(leiden.seconds, 1e-9):.1f}x)")
            return ok
    finally:
        server.stop()
        if not args.home:
            shutil.rmtree(home, ignore_errors=True)  # the server, and the scenario unless --scenario


def timed_run(db, as_of, title: str, run_id: str):
    """One network run over the stored intelligence, stage by stage as ``networks detect`` runs
    it, printed; the result and whether the end-to-end goal was met."""
    from graph_service.analysis.communities import DEFAULT_OBJECTIVE
    from graph_service.analysis.network_store import NetworkWrite
    from graph_service.analysis.networks import NetworkRun, collector_paused, find_networks, read_run

    clock = Stages()
    with collector_paused():  # as run_networks runs
        with clock("reads: projection, previous IDs, concern"):
            graph, previous, next_id, relatives, placed_at = read_run(db, as_of)
        with NetworkWrite(db, graph) as writing:
            with clock("detection, IDs, key players, concern (ties written meanwhile)"):
                result = find_networks(graph, previous=previous, next_id=next_id, objective=DEFAULT_OBJECTIVE,
                                       relatives=relatives, placed_at=placed_at)
            with clock("write-back of memberships, commit"):
                run = NetworkRun(result=result, run_id=run_id, ran_at=datetime.now(timezone.utc), as_of=as_of,
                                 projection_seconds=clock.wall[0])
                written = writing.finish(run)
    total = sum(clock.wall)
    print(f"-- {title}")
    print(f"association graph: {graph.number_of_nodes()} people, {graph.number_of_edges()} ties")
    print(f"  {'stage':<40} {'wall s':>8} {'cpu s':>8}   (cpu: this process's processor time; the "
          "server's work is in wall only)")
    for label, wall, cpu in zip(clock.labels, clock.wall, clock.cpu, strict=True):
        print(f"  {label:<40} {wall:8.2f} {cpu:8.2f}")
    print(f"    of which detection ({result.partition.method}, {result.partition.objective}): "
          f"{result.partition.seconds:.2f} s, {len(result.networks)} networks")
    print(f"    written back: {written}")
    met = total < PIPELINE_GOAL_SECONDS
    print(f"  {'end to end':<40} {total:8.2f} {sum(clock.cpu):8.2f}   "
          f"(goal under {PIPELINE_GOAL_SECONDS:.0f} s: {'met' if met else 'NOT met'}; "
          f"detection is {result.partition.seconds / total:.0%} of it; load average {os.getloadavg()[0]:.1f})")
    return result, met


class Stages:
    """Wall clock and this process's processor time of named stages: ``with clock("name"): ...``."""

    def __init__(self):
        self.labels, self.wall, self.cpu = [], [], []

    @contextmanager
    def __call__(self, label: str):
        began, used = time.perf_counter(), time.process_time()
        yield
        self.labels.append(label)
        self.wall.append(time.perf_counter() - began)
        self.cpu.append(time.process_time() - used)


def write_edge_list(path: Path, people: int, seed: int = 5) -> int:
    """A CSV edge list of ``people`` people in groups of 10 to 100, ``TIES_PER_PERSON`` ties each,
    85 % inside a group; returns the number of rows (repeated pairs included)."""
    import numpy as np
    import pandas as pd

    draw = np.random.default_rng(seed)
    sizes = draw.integers(10, 101, size=people // 10 + 1)
    group_start = np.concatenate(([0], np.cumsum(sizes)))
    group_of = np.repeat(np.arange(len(sizes)), sizes)[:people]
    rows = int(people * TIES_PER_PERSON)
    source = draw.integers(0, people, size=rows)
    inside = draw.random(rows) < 0.85
    group = group_of[source]
    target = np.where(inside, group_start[group] + draw.integers(0, 1 << 30, size=rows) % sizes[group],
                      draw.integers(0, people, size=rows))
    target = np.minimum(target, people - 1)
    keep = source != target
    table = pd.DataFrame({"source": source[keep], "target": target[keep],
                          "weight": np.round(draw.uniform(0.1, 1.0, size=int(keep.sum())), 3)})
    table["source"] = "p" + table["source"].astype(str)
    table["target"] = "p" + table["target"].astype(str)
    table.to_csv(path, index=False)
    return len(table)


def run_edgelist_child(path: Path, engine: str) -> None:
    """In a child process: one path of ``networks detect --edgelist FILE --json``, output discarded."""

    from graph_service.analysis.communities import detect_networks
    from graph_service.analysis.edgelist import read_edgelist, read_edgelist_igraph
    from graph_service.cli.output import to_json

    began = time.perf_counter()
    graph = read_edgelist(path) if engine == "rows" else read_edgelist_igraph(path)
    read = time.perf_counter() - began
    partition = detect_networks(graph, method="leiden")
    with open(os.devnull, "w") as out:
        out.write(to_json({"communities": [sorted(c) for c in partition.communities],
                           "networks": [sorted(c) for c in partition.networks]}))
    print(json.dumps({"read": read, "detect": partition.seconds, "total": time.perf_counter() - began}))


def bench_edgelists(people_sizes: list[int], old_up_to: int) -> bool:
    import subprocess
    import tempfile

    ok = True
    print(f"\n== networks detect --edgelist: {TIES_PER_PERSON} ties a person, each path in its own process")
    print(f"{'people':>9} {'rows':>10} | {'path':>6} {'read s':>7} {'detect s':>8} {'total s':>8} {'wall s':>7} "
          f"{'cpu s':>7} {'peak GB':>7}")
    print("   (cpu s: the process's own processor time, user and system: on a loaded machine the wall clock "
          "counts the time other work held the processors, this does not)")
    for people in people_sizes:
        with tempfile.TemporaryDirectory(prefix="edgelist-bench-") as folder:
            path = Path(folder) / "edges.csv"
            began = time.perf_counter()
            rows = write_edge_list(path, people)
            print(f"   (edge list of {rows} rows, {path.stat().st_size / 2**20:.0f} MB, written in "
                  f"{time.perf_counter() - began:.1f} s)")
            totals = {}
            for engine in ("arrays", "rows"):
                if engine == "rows" and people > old_up_to:
                    print(f"{people:>9} {rows:>10} | {'rows':>6}  not run above {old_up_to} people (--old-up-to)")
                    continue
                began = time.perf_counter()
                child = subprocess.Popen([sys.executable, "-m", "benchmarks.networks", "--edgelist-child", engine,
                                          str(path)], stdout=subprocess.PIPE, text=True)
                out = child.stdout.read()
                _, status, usage = os.wait4(child.pid, 0)
                wall = time.perf_counter() - began
                if status:
                    print(f"{people:>9} {rows:>10} | {engine:>6}  failed (status {status})")
                    ok = False
                    continue
                figures = json.loads(out)
                peak = usage.ru_maxrss * 1024  # kilobytes on Linux
                cpu = usage.ru_utime + usage.ru_stime
                totals[engine] = cpu
                print(f"{people:>9} {rows:>10} | {engine:>6} {figures['read']:>7.1f} {figures['detect']:>8.1f} "
                      f"{figures['total']:>8.1f} {wall:>7.1f} {cpu:>7.1f} {peak / 2**30:>7.2f}")
                if engine == "arrays" and people >= 1_000_000:
                    met = wall < EDGELIST_GOAL_SECONDS and peak < EDGELIST_GOAL_BYTES
                    ok &= met
                    print(f"   goal: {people} people under {EDGELIST_GOAL_SECONDS:.0f} s and "
                          f"{EDGELIST_GOAL_BYTES / 2**30:.0f} GB: {'met' if met else 'NOT met'} (wall clock "
                          f"{wall:.0f} s, processor {cpu:.0f} s, load average {os.getloadavg()[0]:.1f} at the end)")
            if len(totals) == 2:
                print(f"   arrays against rows, same file and run: {totals['rows'] / totals['arrays']:.1f}x less processor time")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    testbed.benchmark_options(parser, size="large")
    parser.add_argument("--scenario", type=Path, help="scenario folder to reuse or write (default: temporary)")
    parser.add_argument("--lfr", type=int, nargs="*", default=[20_000, 200_000], help="LFR graph sizes (nodes)")
    parser.add_argument("--no-scenario", action="store_true", help="no scenario part")
    parser.add_argument("--edgelist-people", type=int, nargs="*", default=[],
                        help="edge lists of this many people (e.g. 100000 250000 1000000)")
    parser.add_argument("--old-up-to", type=int, default=1_000_000,
                        help="run the row-by-row baseline only up to this many people")
    parser.add_argument("--edgelist-child", nargs=2, metavar=("ENGINE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.edgelist_child:
        run_edgelist_child(Path(args.edgelist_child[1]), args.edgelist_child[0])
        return 0
    ok = True
    if not args.no_scenario:
        ok &= bench_scenario(args)
    ok &= bench_lfr(args.lfr)
    ok &= bench_edgelists(args.edgelist_people, args.old_up_to)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
