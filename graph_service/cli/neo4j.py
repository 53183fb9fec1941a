"""``graph-service neo4j start|stop|status``: the managed local Neo4j server."""

from __future__ import annotations

import time

import click

from graph_service import settings as service_settings
from graph_service.cli.output import echo_json
from graph_service.db import connect, unfinished
from graph_service.db.runtime import ManagedNeo4j, Status, routing_table, server_version


@click.group("neo4j")
def command() -> None:
    """Run the local Neo4j server the service manages (when NEO4J_URI is unset)."""


def _external_status(settings) -> Status:
    status = Status(running=False, managed=False, uri=settings.neo4j_uri)
    try:
        with connect(settings, connection_timeout=5) as db:
            status.version, status.edition = server_version(db.driver)
            status.running = True
            if settings.neo4j_uri.startswith("neo4j"):  # neo4j://, neo4j+s://, neo4j+ssc://
                status.routing = routing_table(db.driver, settings.neo4j_database)
    except Exception:
        pass
    return status


@command.command()
def start() -> None:
    """Start the server and wait until it answers Cypher."""
    settings = service_settings.load()
    if not settings.managed:
        click.echo(f"NEO4J_URI is set ({settings.neo4j_uri}): the service uses that server; nothing to start.")
        return
    began = time.monotonic()
    status = ManagedNeo4j(settings).start()
    click.echo(f"Neo4j {status.version} running at {status.uri} ({time.monotonic() - began:.1f} s)")
    clean_up_unfinished_ingest(settings)


def clean_up_unfinished_ingest(settings) -> None:
    """Remove what an ingest killed half way left in the store (its staged records, its
    ingest ID), unless an ingest is running now, and say so (docs/scaling.md)."""
    with connect(settings) as db:
        found = unfinished.discard_at_start(db)
    if found is None:
        click.echo("An ingest is running: what it has staged is left to it.")
    elif found:
        click.echo(f"Unfinished {'network run' if found.network_run and not found.ingests else 'ingest'}: "
                   f"{found.describe()}.")


@command.command()
def stop() -> None:
    """Shut the server down cleanly."""
    settings = service_settings.load()
    if not settings.managed:
        click.echo(f"NEO4J_URI is set ({settings.neo4j_uri}): the service does not manage that server.")
        return
    if ManagedNeo4j(settings).stop():
        click.echo("Neo4j stopped")
    else:
        click.echo("Neo4j was not running")


@command.command()
@click.option("--json", "as_json", is_flag=True, help="Print an object: running, uri, version, ...")
def status(as_json: bool) -> None:
    """Whether the server runs, where, and which version it reports."""
    settings = service_settings.load()
    status = ManagedNeo4j(settings).status() if settings.managed else _external_status(settings)
    if as_json:
        echo_json(status.to_dict())
    elif status.running:
        click.echo(f"running: Neo4j {status.version} ({status.edition}) at {status.uri}")
        if status.routing:
            click.echo(f"  reads go to {', '.join(status.routing.get('READ', [])) or 'no server'}; "
                       f"writes to {', '.join(status.routing.get('WRITE', [])) or 'no server'}")
    else:
        click.echo(f"not running ({'managed, home ' + status.home if status.managed else status.uri})")
