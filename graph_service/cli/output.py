"""Printing rows and objects for people and for programs (``--json``)."""

from __future__ import annotations

import json
from typing import Any

import click


def _plain(value: Any) -> Any:
    """JSON form of the driver's values: temporal types as ISO 8601, points as coordinates."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "srid") and hasattr(value, "x"):
        return {"srid": value.srid, "x": value.x, "y": value.y}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot print a {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    return json.dumps(data, default=_plain, indent=2, ensure_ascii=False)


def echo_json(data: Any) -> None:
    click.echo(to_json(data))


def echo_table(rows: list[dict]) -> None:
    """Rows as an aligned text table, like cypher-shell's."""
    if not rows:
        click.echo("(no rows)")
        return
    columns = list(rows[0])
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    rule = "+-" + "-+-".join("-" * w for w in widths) + "-+"
    click.echo(rule)
    click.echo("| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False)) + " |")
    click.echo(rule)
    for line in cells:
        click.echo("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=False)) + " |")
    click.echo(rule)
    click.echo(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, default=_plain, ensure_ascii=False)
