"""The one command-line entry point: ``graph-service``.

Each command group lives in its own module, named in :data:`COMMANDS` and imported only when
that command runs: a command that needs neither the geospatial stack nor the network
libraries does not wait for them to load (``python -X importtime`` shows what a start costs).
"""

from __future__ import annotations

import importlib
import sys

import click

#: Command name -> the module of ``graph_service.cli`` that defines it as ``command``.
COMMANDS = {
    "neo4j": "neo4j",
    "db": "database",
    "query": "query",
    "serve": "serve",
    "demo": "demo",
    "users": "users",
    "audit": "audit",
    "candidates": "candidates",
    "disruption": "disruption",
    "ingest": "ingest",
    "people": "people",
    "hotspots": "hotspots",
    "networks": "networks",
    "scenario": "scenario",
    "alerts": "alerts",
    "notices": "notices",
    "paths": "paths",
    "export": "export",
    "areas": "areas",
    "profile": "profile",
    "review": "review",
    "cross-border": "cross_border",
}


class ServiceGroup(click.Group):
    """Loads a command's module when it is asked for, and turns the service's known problems
    into a clear message, a hint and exit status 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        return importlib.import_module(f"graph_service.cli.{module}").command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: usage errors, --help, Ctrl-C
        except Exception as problem:
            _explain(problem)
            raise


def _explain(problem: Exception) -> None:
    """Exit with a message for the problems the service knows; return for any other."""
    # Imported here, not at the top: the database module loads the Neo4j driver, which a
    # command such as ``scenario`` or ``users`` never needs.
    from graph_service.db.access import StoreBeingPublished
    from graph_service.db.runtime import RuntimeProblem
    from graph_service.security.audit import AuditLogBroken
    from graph_service.settings import SettingsError

    if isinstance(problem, RuntimeProblem):
        click.echo(f"error: {problem}", err=True)
        if problem.hint:
            click.echo(f"hint: {problem.hint}", err=True)
        sys.exit(1)
    if isinstance(problem, StoreBeingPublished):
        click.echo(f"error: {problem}", err=True)
        click.echo("hint: the records are complete again when it ends, in a minute or two; run this again then. "
                   "If no ingest or network run is running (one was killed), `graph-service neo4j start` removes "
                   "what it left",
                   err=True)
        sys.exit(1)
    if isinstance(problem, SettingsError):
        click.echo(f"error: configuration: {problem}", err=True)
        sys.exit(1)
    if isinstance(problem, AuditLogBroken):
        click.echo(f"error: {problem}", err=True)
        click.echo("hint: run `graph-service audit verify`", err=True)
        sys.exit(1)


@click.group(cls=ServiceGroup)
@click.version_option(package_name="graph-service")
def main() -> None:
    """Intelligence-mapping graph service for tackling child sexual exploitation."""
