"""``graph-service areas``: boundary files (force, local authority, ward) and the places in them.

``areas load FILE --level LEVEL --name-field FIELD`` stores a file's areas and joins every
place to them; ``areas list`` names the loaded areas. See docs/areas.md.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from graph_service import settings as service_settings
from graph_service.cli.output import echo_json
from graph_service.vocabulary import AREA_LEVELS


@click.group("areas")
def command() -> None:
    """Areas (force, local authority, ward) from boundary files."""


@command.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--level", required=True, type=click.Choice(AREA_LEVELS), help="What the file's areas are.")
@click.option("--name-field", required=True, metavar="FIELD", help="The field holding each area's name.")
@click.option("--crs", metavar="CRS", help="For a file that states no coordinate reference system, e.g. EPSG:27700.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def load(file: Path, level: str, name_field: str, crs: str | None, as_json: bool) -> None:
    """Load a boundary file (GeoJSON, GeoPackage or shapefile): all of it, or nothing."""
    from graph_service.db import connect
    from ingest.areas import AreaFileRejected, read_boundaries, store_areas

    began = time.monotonic()
    try:
        areas = read_boundaries(file, level, name_field, crs)
    except AreaFileRejected as rejected:
        for problem in rejected.problems[:50]:
            click.echo(f"error: {problem}", err=True)
        click.echo("nothing was stored: fix the file and load it again", err=True)
        raise SystemExit(1) from None
    with connect(service_settings.load()) as db:
        result = store_areas(db, areas, source=file.name)
    result.update(level=level, areas=len(areas), seconds=round(time.monotonic() - began, 2))
    if as_json:
        echo_json(result)
        return
    click.echo(f"{len(areas)} {level.replace('_', ' ')} areas from {file.name}: {result['created']} new, "
               f"{result['updated']} updated; {result['links']:,} place-area links ({result['seconds']} s)")


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the areas as JSON.")
def list_areas(as_json: bool) -> None:
    """The loaded areas, largest level first, with how many places each holds."""
    from graph_service.db import connect

    with connect(service_settings.load()) as db:
        rows = db.read("areas/list")
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No areas loaded: `graph-service areas load FILE --level LEVEL --name-field FIELD`.")
        return
    for row in rows:
        click.echo(f"{row['area_id']}\t{row['level']}\t{row['name']}\t{row['places']} places")
