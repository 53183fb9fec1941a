"""``graph-service demo``: the dashboard on realistic synthetic data, for ``make run``.

Each step runs only when it is missing, so ``make run`` can call this every time:
the medium scenario is generated once into ``$GRAPH_SERVICE_HOME/demo/``, ingested when the
store holds no people, its towns' areas loaded when none are stored, networks are detected when none are stored, and demo users (one per
role, random passwords printed once) are created when there are no users at all.
"""

from __future__ import annotations

from datetime import date

import click

from graph_service import settings as service_settings
from graph_service.analysis.networks import list_networks, run_networks
from graph_service.db import connect
from graph_service.security.users import UserStore


@click.command("demo")
@click.option("--size", type=click.Choice(["small", "medium", "large"]), default="medium", show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.pass_context
def command(ctx: click.Context, size: str, seed: int) -> None:
    """Load the synthetic demo scenario and prepare the dashboard for it (idempotent)."""
    from ingest import ingest_paths
    from ingest.scenario import generate

    settings = service_settings.load()
    folder = settings.home / "demo" / f"{size}-seed-{seed}"
    if not (folder / "ground_truth.json").exists():
        click.echo(f"Generating the {size} synthetic scenario into {folder} ...")
        generate(seed=seed, size=size, out=folder)
    with connect(settings) as db:
        if db.read("demo/people_stored")[0]["people"] == 0:
            click.echo("Loading it into Neo4j ...")
            report = ingest_paths(db, [folder], progress=True)
            click.echo(f"Loaded {sum(report.created.values())} records.")
        else:
            click.echo("The store already holds data: not loading the scenario again.")
        if not db.read("areas/list"):
            _load_boundaries(db, folder)
        if not list_networks(db):
            run = run_networks(db, as_of=date.today())
            click.echo(f"Found {len(run.result.networks)} networks.")
    if not UserStore.of(settings).list():
        from graph_service.cli.users import demo as demo_users

        ctx.invoke(demo_users)
    else:
        click.echo("Users exist already; `graph-service users demo` gives the demo users new passwords.")


def _load_boundaries(db, folder) -> None:
    """The scenario's force, councils and wards, so that every page and analysis has its areas."""
    from ingest.areas import read_boundaries, store_areas
    from ingest.scenario.boundaries import FILES, NAME_FIELD, write_boundaries

    if not all((folder / name).exists() for name in FILES.values()):
        write_boundaries(folder)  # a scenario generated before boundaries were part of it
    for level, name in FILES.items():
        result = store_areas(db, read_boundaries(folder / name, level, NAME_FIELD), source=name)
    click.echo(f"Loaded the towns' areas: {result['links']:,} place-area links.")
