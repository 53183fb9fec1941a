"""``graph-service query``: run Cypher like cypher-shell, read-only unless ``--write``."""

from __future__ import annotations

import json

import click
from neo4j.exceptions import Neo4jError

from graph_service import settings as service_settings
from graph_service.cli.auditing import record
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from graph_service.db import cypher as named


def parse_param(raw: str) -> tuple[str, object]:
    """``name=value``; the value is read as JSON when it is JSON (17, true, [1,2]), else text."""
    name, sep, value = raw.partition("=")
    if not sep or not name.strip():
        raise click.BadParameter(f"{raw!r}: write it as name=value", param_hint="--param")
    try:
        return name.strip(), json.loads(value)
    except json.JSONDecodeError:
        return name.strip(), value


@click.command("query")
@click.argument("text", required=False)
@click.option("--name", "statement_name", help="Run the statement in cypher/NAME.cypher instead.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter; repeat for more.")
@click.option("--write", is_flag=True, help="Allow the statement to change data.")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as a JSON list of objects.")
def command(text: str | None, statement_name: str | None, params: tuple[str, ...], write: bool, as_json: bool) -> None:
    """Run a Cypher statement (TEXT) in a read-only transaction unless --write is given."""
    if bool(text) == bool(statement_name):
        raise click.UsageError("give either a Cypher statement or --name NAME")
    if statement_name:
        try:
            text = named.statement(statement_name)
        except named.UnknownStatement as problem:
            raise click.UsageError(str(problem)) from None
    values = dict(parse_param(p) for p in params)
    settings = service_settings.load()
    # Any Cypher can read or change anything: on record before it runs (the text, the names of
    # the parameters, whether it may write; not the values, which are often names).
    record(settings, "query.write" if write else "query", detail=json.dumps(
        {"cypher": text, "name": statement_name, "params": sorted(values), "write": write}, ensure_ascii=False))
    # An analyst's own Cypher: keep the server's warnings (a misspelt label...) for them.
    with connect(settings, notifications_min_severity="WARNING") as db:
        try:
            rows = db.write_text(text, values) if write else db.read_text(text, values)
        except Neo4jError as problem:
            message = problem.message or str(problem)
            if "AccessMode" in (problem.code or "") or "read access mode" in message.lower():
                message += " (this is a read-only query; add --write to change data)"
            click.echo(f"error: {problem.code}: {message}", err=True)
            raise SystemExit(1) from None
    echo_json(rows) if as_json else echo_table(rows)
