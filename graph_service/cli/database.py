"""``graph-service db init``: constraints and indexes from ``cypher/schema.cypher``."""

from __future__ import annotations

import click

from graph_service import settings as service_settings
from graph_service.db import connect


@click.group("db")
def command() -> None:
    """Set up the database."""


@command.command()
def init() -> None:
    """Apply constraints and indexes (safe to run again)."""
    with connect(service_settings.load()) as db:
        count = db.apply("schema")
    click.echo(f"schema applied: {count} statements")
