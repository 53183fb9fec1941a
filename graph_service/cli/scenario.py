"""``graph-service scenario``: write a synthetic town's intelligence picture (docs/scenario.md)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from graph_service.cli.output import echo_json
from ingest.scenario import GROUND_TRUTH, SIZES, ScenarioError, generate


@click.command("scenario")
@click.option("--seed", type=int, required=True, help="Same seed, same files, byte for byte.")
@click.option("--size", type=click.Choice(list(SIZES)), required=True,
              help="small: about 2 thousand records; medium: 100 thousand; large: a million.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the intake files and ground_truth.json into.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="The scenario's 'today' (default 2026-10-31): every date is counted back from it.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as a JSON object.")
def command(seed: int, size: str, out: Path, as_of: str | None, as_json: bool) -> None:
    """Write a synthetic scenario: intake files to ingest, and ground_truth.json (never ingested)."""
    began = time.monotonic()
    try:
        generate(seed=seed, size=size, out=out, as_of=as_of)
    except ScenarioError as problem:
        click.echo(f"error: {problem}", err=True)
        raise SystemExit(1) from None
    truth = json.loads((out / GROUND_TRUTH).read_text(encoding="utf-8"))
    summary = {
        "out": str(out), "seed": seed, "size": size, "as_of": truth["as_of"],
        "seconds": round(time.monotonic() - began, 1), "total_records": truth["total_records"],
        "files": truth["files"], "networks": len(truth["networks"]),
        "candidate_pairs": len(truth["candidate_pairs"]), "ground_truth": str(out / GROUND_TRUTH),
    }
    if as_json:
        echo_json(summary)
        return
    click.echo(f"Wrote {summary['total_records']:,} records to {out} in {summary['seconds']} s "
               f"(as of {summary['as_of']}):")
    for name, count in summary["files"].items():
        click.echo(f"  {name:<24}{count:>10,}")
    click.echo(f"Answer key: {summary['ground_truth']} ({summary['networks']} planted networks, "
               f"{summary['candidate_pairs']} candidate pairs); do not ingest it.")
    click.echo(f"Next: graph-service ingest {out}")
