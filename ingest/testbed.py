"""A throwaway installation for tests and benchmarks: a fresh state folder, a scenario, an ingest.

The test suite and every benchmark set up the same way, so they do it here rather than each
with its own copy:

* :func:`fresh_home` makes a new state folder and points this process at it, away from any
  server named by the environment (``NEO4J_URI`` and the rest are dropped): a test or
  benchmark run can never touch a user's data. Call it before the settings are read.
* :func:`start_server` starts that folder's managed Neo4j and applies the schema.
* :func:`scenario` writes a synthetic scenario, or reuses one already written.
* :func:`load_in_parts` ingests a scenario in parts of one transaction each, as it was loaded
  before one ingest took any size (``benchmarks/ingest.py`` compares against it).
* :func:`recovery` says how well detected networks recover the scenario's planted ones.
* :func:`benchmark_options`, :func:`benchmark_home`, :func:`load_scenario`,
  :func:`scenario_database` and :func:`load_average`: what every benchmark's start shares.

It sits in ``ingest`` because it needs the generator and the loader; tests and benchmarks
import it like any other module, never through ``sys.path``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ingest.scenario import SIZES

#: The environment that names a server of the user's own; a fresh home never inherits it.
SERVER_VARIABLES = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "NEO4J_BOLT_PORT")

#: :func:`load_in_parts` loads this many records a part, each its own ingest.
PART_RECORDS = 100_000
#: Intake files in the order their references need (people before the links that name them).
#: Files not named here come last (notices, CSE concerns: they refer to people and reports).
LOAD_ORDER = ("person.csv", "vehicle.csv", "location.csv", "phone.csv", "online_account.csv", "care_status.csv",
              "family.csv", "intel.jsonl", "link.jsonl", "missing_episode.jsonl", "sighting.jsonl", "contact.jsonl")


def isolate(home: Path) -> Path:
    """Point this process (and the processes it starts) at ``home`` as its state folder."""
    home.mkdir(parents=True, exist_ok=True)
    os.environ["GRAPH_SERVICE_HOME"] = str(home)
    for name in SERVER_VARIABLES:
        os.environ.pop(name, None)
    return home


def fresh_home(prefix: str = "graph-service-") -> Path:
    """A new, empty temporary state folder, with this process pointed at it."""
    return isolate(Path(tempfile.mkdtemp(prefix=prefix)))


def start_server(settings):
    """Start the managed Neo4j of ``settings`` and apply the schema; returns the server."""
    from graph_service.db import ManagedNeo4j, connect

    server = ManagedNeo4j(settings)
    server.start()
    with connect(settings) as db:
        db.apply("schema")
    return server


def scenario(out: Path, seed: int = 7, size: str = "small") -> tuple[Path, dict]:
    """The scenario in ``out`` (written unless ``out`` holds one already) and its answer key."""
    if not (out / "ground_truth.json").exists():
        from ingest.scenario import generate

        generate(seed=seed, size=size, out=out)
    return out, json.loads((out / "ground_truth.json").read_text(encoding="utf-8"))


def load_in_parts(db, folder: Path, parts_dir: Path, part_records: int = PART_RECORDS, load=None) -> int:
    """Ingest the intake files of ``folder`` part by part (see :data:`PART_RECORDS`), records
    that others refer to first; returns the number of records loaded. ``load(db, part_folder)``
    ingests one part and returns its records (default: the service's own ingest), so that a
    benchmark can load the same parts another way."""
    from ingest import ingest_paths

    load = load or (lambda db, part: ingest_paths(db, [part]).loaded)
    files = sorted(p for p in folder.iterdir() if p.suffix in (".csv", ".jsonl"))
    ordered = [folder / name for name in LOAD_ORDER if (folder / name).exists()]
    ordered += [p for p in files if p not in ordered]
    loaded = 0
    for path in ordered:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header, body = (lines[:1], lines[1:]) if path.suffix == ".csv" else ([], lines)
        for start in range(0, len(body), part_records):
            part = parts_dir / f"{path.stem}-{start // part_records:04d}"
            part.mkdir(parents=True)
            (part / path.name).write_text("".join(header + body[start:start + part_records]), encoding="utf-8")
            loaded += load(db, part)
            shutil.rmtree(part)
    return loaded


def benchmark_options(parser: argparse.ArgumentParser, size: str = "medium") -> argparse.ArgumentParser:
    """The options every benchmark on a scenario shares: its size and seed, and a state folder
    to keep and reuse (a store that already holds people is not loaded again)."""
    parser.add_argument("--size", default=size, choices=list(SIZES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--home", type=Path, help="state folder to keep and reuse (default: temporary)")
    return parser


def benchmark_home(args: argparse.Namespace) -> Path:
    """The state folder of ``--home``, or a fresh temporary one; before the settings are read."""
    return isolate(args.home.resolve()) if args.home else fresh_home("graph-service-bench-")


def load_scenario(db, folder: Path) -> int:
    """Ingest the scenario of ``folder`` in one command, whatever its size (the ingest is all or
    nothing at any size), unless the store already holds people (a kept ``--home``). The
    records loaded (0 when reused)."""
    from ingest import ingest_paths

    if db.read_text("MATCH (p:Person) RETURN p LIMIT 1"):
        print("reusing the store of the state folder")
        return 0
    return ingest_paths(db, [folder], progress=True).loaded


@contextmanager
def scenario_database(args: argparse.Namespace, home: Path) -> Iterator[tuple]:
    """The start most benchmarks share: the managed Neo4j of the state folder ``home`` (from
    :func:`benchmark_home`) started, and the scenario of ``--size`` and ``--seed`` loaded into
    it unless it holds one; yields the database, the scenario folder and its answer key, and
    stops the server after."""
    from graph_service import settings as service_settings
    from graph_service.db import connect

    settings = service_settings.load()
    server = start_server(settings)
    try:
        with connect(settings) as db:
            folder, truth = scenario(home / "scenario", args.seed, args.size)
            load_scenario(db, folder)
            yield db, folder, truth
    finally:
        server.stop()


def memory(server) -> str:
    """The peak resident memory of this process and of ``server``'s Neo4j so far, in words."""
    import resource

    this = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2  # kilobytes on Linux
    try:
        pid = server.pid_file.read_text().strip()
        status = Path(f"/proc/{pid}/status").read_text()
        neo4j = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")) / 1024 ** 2
    except (OSError, StopIteration, ValueError):
        return f"peak memory: this process {this:.2f} GB, Neo4j unknown"
    return f"peak memory: this process {this:.2f} GB, Neo4j {neo4j:.2f} GB"


def load_average() -> str:
    """The machine's load averages (1, 5, 15 min), printed beside every figure: on a shared
    machine they are not those of a quiet one."""
    return ", ".join(f"{n:.1f}" for n in os.getloadavg())


def recovery(truth: dict, network_of: dict) -> tuple[float, list[dict]]:
    """NMI between planted and found networks over the planted members (someone in no found
    network is a group of their own), and per planted network the found network holding most
    of it, with recall (share of the planted members in it) and precision (share of it that is
    planted in that network)."""
    import igraph

    planted = {pid: n["network"] for n in truth["networks"] for pid in n["members"]}
    people = sorted(planted)
    found = [network_of.get(pid, f"alone:{pid}") for pid in people]
    labels = {label: i for i, label in enumerate(sorted(set(found), key=str))}
    names = {name: i for i, name in enumerate(sorted(set(planted.values())))}
    nmi = igraph.compare_communities([names[planted[p]] for p in people], [labels[f] for f in found], method="nmi")
    sizes: dict = {}
    for network_id in network_of.values():
        sizes[network_id] = sizes.get(network_id, 0) + 1
    rows = []
    for network in truth["networks"]:
        counts: dict = {}
        for pid in network["members"]:
            if pid in network_of:
                counts[network_of[pid]] = counts.get(network_of[pid], 0) + 1
        best = max(counts, key=counts.get) if counts else None
        rows.append({
            "network": network["network"], "found": best,
            "recall": counts.get(best, 0) / len(network["members"]),
            "precision": counts[best] / sizes[best] if best is not None else 0.0,
        })
    return nmi, rows


def load_areas(db, folder: Path) -> None:
    """The scenario's force, councils and wards (written beside its intake files), as
    ``graph-service demo`` loads them."""
    from ingest.areas import read_boundaries, store_areas
    from ingest.scenario.boundaries import FILES, NAME_FIELD, write_boundaries

    if not all((folder / name).exists() for name in FILES.values()):
        write_boundaries(folder)
    for level, name in FILES.items():
        store_areas(db, read_boundaries(folder / name, level, NAME_FIELD), source=name)


def hotspot_layer(db, as_of, days: int = 90, cell: float = 250.0):
    """The hot spot layer of the ``days`` up to ``as_of`` as the dashboard builds it for an
    analyst by default (every kind of event, the window before for trends, each loaded council
    on its own), cells ranked by concern."""
    from datetime import timedelta

    from graph_service.analysis import hotspots as hs

    start = as_of - timedelta(days=days - 1)
    events = hs.fetch_events(db, hs.KINDS, start - timedelta(days=days), as_of)
    concern = hs.fetch_concern_events(db, hs.KINDS, start, as_of)
    units = hs.analysis_units(hs.loaded_areas(db))
    return hs.window_layer(events, concern, start, as_of, cell, units=units).cells


def place_recovery(truth: dict, cells, top: int = 20) -> dict:
    """How a ranked layer (:func:`hotspot_layer`) finds the scenario's planted places: how many
    lie in the ``top`` cells of concern, each place's rank, and how many are hot spots at 99%
    (of all activity, and of concern). Reads the answer key only to score, never to rank."""
    import geopandas as gpd
    import pandas as pd

    places = gpd.GeoDataFrame(truth["hotspots"], geometry=gpd.points_from_xy(
        [p["lon"] for p in truth["hotspots"]], [p["lat"] for p in truth["hotspots"]]), crs=4326).to_crs(cells.crs)
    joined = gpd.sjoin(places, cells[["rank", "hotspot_class", "concern_class", "geometry"]], predicate="within")
    ranks = [None if pd.isna(r) else int(r) for r in joined["rank"]]
    return {
        "places": len(places),
        "in_top": sum(1 for r in ranks if r is not None and r <= top),
        "ranks": sorted(ranks, key=lambda r: (r is None, r)),
        "hot_99": int((joined["hotspot_class"] == "hot_99").sum()),
        "concern_hot_99": int((joined["concern_class"] == "hot_99").sum()),
    }
