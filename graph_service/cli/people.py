"""``graph-service people duplicates``: people who may be recorded twice, for a person to decide."""

from __future__ import annotations

import click

from graph_service import settings as service_settings
from graph_service.cli.auditing import parameters, record
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from ingest.resolution import REASONS, possible_duplicates


@click.group("people")
def command() -> None:
    """People in the graph."""


@command.command("duplicates")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of pairs with reasons.")
def duplicates(as_json: bool) -> None:
    """List pairs of people who may be one person (same name and date of birth, swapped
    forename and surname, or an alias matching a name). Nothing is merged."""
    settings = service_settings.load()
    with connect(settings) as db:
        rows = db.read("people/duplicate_candidates")
    pairs = possible_duplicates(rows)
    # Names and dates of birth of (often) children go on screen: record who looked first,
    # and show nothing if that cannot be recorded.
    record(settings, "people.duplicates", sorted({pid for pair in pairs for pid in (pair.person_a, pair.person_b)}),
           detail=parameters(json=as_json))
    if as_json:
        echo_json([pair.to_dict() for pair in pairs])
        return
    echo_table([
        {"person_a": pair.person_a, "person_b": pair.person_b,
         "reasons": "; ".join(REASONS[r] for r in pair.reasons), "detail": "; ".join(pair.detail)}
        for pair in pairs
    ])
    if pairs:
        click.echo("Nothing was merged: check each pair and correct the source records if they are one person.")
