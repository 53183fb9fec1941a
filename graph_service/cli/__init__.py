"""The one command-line entry point: ``graph-service``.

Each command group lives in its own module and is registered below.
"""

from __future__ import annotations

import sys

import click

from graph_service.db.runtime import RuntimeProblem
from graph_service.security.audit import AuditLogBroken
from graph_service.settings import SettingsError


class ServiceGroup(click.Group):
    """Turns the service's known problems into a clear message, a hint and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RuntimeProblem as problem:
            click.echo(f"error: {problem}", err=True)
            if problem.hint:
                click.echo(f"hint: {problem.hint}", err=True)
            sys.exit(1)
        except SettingsError as problem:
            click.echo(f"error: configuration: {problem}", err=True)
            sys.exit(1)
        except AuditLogBroken as problem:
            click.echo(f"error: {problem}", err=True)
            click.echo("hint: run `graph-service audit verify`", err=True)
            sys.exit(1)


@click.group(cls=ServiceGroup)
@click.version_option(package_name="graph-service")
def main() -> None:
    """Intelligence-mapping graph service for tackling child sexual exploitation."""


def _register() -> None:
    from graph_service.cli import (
        areas,
        audit,
        candidates,
        database,
        demo,
        disruption,
        hotspots,
        ingest,
        neo4j,
        networks,
        people,
        profile,
        query,
        scenario,
        serve,
        users,
    )

    for module in (neo4j, database, query, serve, demo, users, audit, candidates, disruption, ingest, people, hotspots, networks, scenario,
                   areas, profile):
        main.add_command(module.command)


_register()
