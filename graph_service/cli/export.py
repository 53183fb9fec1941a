"""``graph-service export network N | person ID --format graphml|anx|gpkg``: a network or a
person's neighbourhood for i2 Analyst's Notebook, Gephi, yEd or NetworkX, or its places as a
GeoPackage for QGIS or ArcGIS (``--out`` needed: a GeoPackage is a file)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph_service import exports
from graph_service import settings as service_settings
from graph_service.analysis import link_chart
from graph_service.analysis.evidence_graph import RELATIONS, Entity, Filters
from graph_service.cli.auditing import parameters, record
from graph_service.db import connect


def _options(command):
    for option in reversed([
        click.option("--format", "form", type=click.Choice(list(exports.FORMATS)), required=True,
                     help="graphml (Gephi, yEd, NetworkX), anx (i2 Analyst's Notebook) or gpkg (its places, "
                          "for QGIS or ArcGIS; needs --out)."),
        click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
                     help="Write to this file (default: standard output)."),
        click.option("--lowest-grade", help="Leave out evidence weaker than this grade (e.g. 2C); E never counts."),
        click.option("--kind", "kinds", multiple=True, type=click.Choice(RELATIONS),
                     help="Keep only these kinds of link (repeat the option)."),
    ]):
        command = option(command)
    return command


@click.group("export")
def command() -> None:
    """Export a network or a person's neighbourhood as GraphML, i2 ANX or GeoPackage (audited)."""


@command.command("network")
@click.argument("network_id", type=int)
@_options
def network(network_id: int, form: str, out: Path | None, lowest_grade: str | None, kinds) -> None:
    """A network: its members, the vehicles and places two or more of them share, and the
    evidence among them."""
    _needs_file(form, out)
    filters = _filters(kinds, lowest_grade)
    settings = service_settings.load()
    with connect(settings) as db:
        chart = link_chart.network_chart(db, network_id, filters)
    if chart is None:
        raise click.ClickException(f"no network {network_id}: `graph-service networks list` shows the current ones")
    _write(settings, chart, "export.network", form, out, network=network_id, lowest_grade=lowest_grade,
           kinds=",".join(kinds))


@command.command("person")
@click.argument("person_id")
@_options
def person(person_id: str, form: str, out: Path | None, lowest_grade: str | None, kinds) -> None:
    """A person and everyone and everything one hop of evidence from them."""
    _needs_file(form, out)
    filters = _filters(kinds, lowest_grade)
    settings = service_settings.load()
    start = Entity("person", person_id)
    with connect(settings) as db:
        chart = link_chart.build(db, [start], filters, expand=[start])
    if not chart["nodes"]:
        raise click.ClickException(f"no person {person_id}")
    _write(settings, chart, "export.person", form, out, person=person_id, lowest_grade=lowest_grade,
           kinds=",".join(kinds))


def _needs_file(form: str, out: Path | None) -> None:
    if form in exports.BINARY and out is None:
        raise click.UsageError(f"--format {form} writes a file: give --out FILE.{form}")


def _filters(kinds, lowest_grade) -> Filters:
    try:
        return Filters.of(kinds, lowest_grade)
    except ValueError as problem:
        raise click.UsageError(str(problem)) from None


def _write(settings, chart: dict, action: str, form: str, out: Path | None, **asked) -> None:
    data = exports.to_format(chart, form)
    # On record before anything personal leaves the service.
    record(settings, action, link_chart.people_named(chart),
           detail=parameters(format=form, out=str(out) if out else "stdout", **asked))
    if out is None:
        sys.stdout.buffer.write(data)
        return
    out.write_bytes(data)
    what = (f"{sum(n['kind'] == 'location' for n in chart['nodes'])} places" if form == "gpkg"
            else f"{len(chart['nodes'])} entities and {len(chart['edges'])} ties")
    click.echo(f"Wrote {what} to {out} ({form}).", err=True)
