"""``graph-service cross-border``: networks and children whose evidence spans areas
(:mod:`graph_service.analysis.cross_border`), in order of concern with the areas named and the
reasons. Audited like the page."""

from __future__ import annotations

import click

from graph_service import settings as service_settings
from graph_service.analysis.cross_border import DEFAULT_LEVEL, children_across_areas, networks_across_areas
from graph_service.cli.auditing import parameters, record, require_intact
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from graph_service.vocabulary import AREA_LEVELS


@click.command("cross-border")
@click.option("--level", type=click.Choice(AREA_LEVELS), default=DEFAULT_LEVEL, show_default=True,
              help="The level of area compared.")
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=25, show_default=True,
              help="At most this many of each list.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first (for paging).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object: level, networks, children.")
def command(level: str, limit: int, offset: int, as_json: bool) -> None:
    """Networks and children whose evidence lies in two or more areas, most concern first."""
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        networks = networks_across_areas(db, level, offset, limit)
        children = children_across_areas(db, level, offset, limit)
    record(settings, "cross_border.list",
           [row["person_id"] for row in children["items"]] + [f"network:{row['network_id']}" for row in networks["items"]],
           detail=parameters(level=level, limit=limit, offset=offset, json=as_json))
    if as_json:
        echo_json({"level": level, "networks": networks, "children": children})
        return
    click.echo(f"Networks with evidence in two or more areas ({networks['total']}):")
    echo_table([{"network_id": row["network_id"], "rank": row["rank"] or "-",
                 "areas": ", ".join(a["name"] for a in row["areas"]), "why": " | ".join(row["reasons"])}
                for row in networks["items"]])
    click.echo(f"Children with evidence in two or more areas ({children['total']}):")
    echo_table([{"person_id": row["person_id"], "name": row["name"],
                 "areas": ", ".join(a["name"] for a in row["areas"]), "why": " | ".join(row["reasons"])}
                for row in children["items"]])
