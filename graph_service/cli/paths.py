"""``graph-service paths FROM TO``: how two people, vehicles or places are connected."""

from __future__ import annotations

import click

from graph_service import settings as service_settings
from graph_service.analysis.evidence_graph import RELATIONS, Filters, resolve
from graph_service.analysis.paths import DEFAULT_K, DEFAULT_MAX_HOPS, MAX_HOPS, MAX_K, k_shortest_paths, people_named
from graph_service.cli.auditing import parameters, record
from graph_service.cli.output import echo_json
from graph_service.db import connect


@click.command("paths")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
@click.option("--k", "k", type=click.IntRange(1, MAX_K), default=DEFAULT_K, show_default=True,
              help="How many paths, shortest first.")
@click.option("--max-hops", type=click.IntRange(1, MAX_HOPS), default=DEFAULT_MAX_HOPS, show_default=True,
              help="Longest path looked for.")
@click.option("--lowest-grade", help="Leave out evidence weaker than this grade (e.g. 2C); E never counts.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(RELATIONS),
              help="Keep only these kinds of link (repeat the option); default all.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only evidence from this date.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only evidence up to this date.")
@click.option("--json", "as_json", is_flag=True, help="Print the paths as JSON.")
def command(source: str, target: str, k: int, max_hops: int, lowest_grade: str | None, kinds, since, until,
            as_json: bool) -> None:
    """The k shortest paths between two entities over the evidence graph, each hop with its
    evidence and grades. FROM and TO: a person ID, a VRM or a location ID (kind:ID when an ID
    names more than one: person:P0001, vehicle:AB12CDE, location:L0001)."""
    try:
        filters = Filters.of(kinds, lowest_grade, since.date() if since else None, until.date() if until else None)
    except ValueError as problem:
        raise click.UsageError(str(problem)) from None
    settings = service_settings.load()
    with connect(settings) as db:
        try:
            ends = resolve(db, source), resolve(db, target)
        except LookupError as problem:
            raise click.ClickException(str(problem)) from None
        result = k_shortest_paths(db, *ends, k=k, filters=filters, max_hops=max_hops)
    # Names and evidence go on screen: on record first, or nothing is shown.
    record(settings, "paths.view", people_named(result), detail=parameters(
        source=str(ends[0]), target=str(ends[1]), k=k, max_hops=max_hops, lowest_grade=lowest_grade,
        kinds=",".join(kinds), since=since and since.date(), until=until and until.date(), json=as_json))
    if as_json:
        echo_json(result)
        return
    _print(result)


def _print(result: dict) -> None:
    entities = result["entities"]

    def name(key: str) -> str:
        entity = entities.get(key, {})
        child = " (child)" if entity.get("child") else ""
        return f"{entity.get('label', key)} [{key}]{child}"

    if not result["paths"]:
        click.echo(f"No path of up to {result['max_hops']} hops from {name(result['from'])} "
                   f"to {name(result['to'])} with these filters.")
    for number, path in enumerate(result["paths"], 1):
        click.echo(f"Path {number}: {path['length']} hops")
        for hop in path["hops"]:
            click.echo(f"  {name(hop['from'])} -> {name(hop['to'])}: {', '.join(hop['relations'])}, "
                       f"strongest grade {hop['grade']}")
            for item in hop["evidence"]:
                conditions = f"; handling code C: {item['handling_conditions']}" if item["handling_code"] == "C" else ""
                click.echo(f"      {item['kind']} {item['id']} ({item['relation_text']}"
                           f"{', reported the other way' if item['reversed'] else ''}), {item['grade']}"
                           f"{'' if item['graded'] else ' ungraded'}, {item['observed_on'] or 'undated'}"
                           f"{'; report ' + item['intel_id'] if item['intel_id'] else ''}{conditions}")
    if not result["complete"]:
        click.echo("The search stopped widening around a very busy entity: a path through it may be missing.")
