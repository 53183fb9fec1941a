"""``graph-service candidates``: the abduction-notice candidate list, or why a person is (not) on it.

The list is a list of candidates with the facts behind each line; a disruption lead decides.
Every run is written to the audit log, because it shows personal data.
"""

from __future__ import annotations

from pathlib import Path

import click

from graph_service import settings as service_settings
from graph_service.analysis.candidates import LOOKBACK_DAYS, candidate_list, explain
from graph_service.cli.auditing import operator, parameters, record, require_intact
from graph_service.cli.output import to_json
from graph_service.db import connect
from graph_service.reports import packs


def emit(text: str, out: str | None) -> None:
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as problem:
        raise click.ClickException(f"cannot write {out}: {problem.strerror}") from None
    click.echo(f"written to {out}", err=True)


@click.command("candidates")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day to judge on (default today).")
@click.option("--lookback-days", type=click.IntRange(min=0), default=LOOKBACK_DAYS, show_default=True,
              help="Evidence older than this many days before the as-of date does not count.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html", "text"]),
              help="json (default for the list), csv, html (printable pack), text (default for --explain).")
@click.option("--explain", "person_id", metavar="PERSON_ID",
              help="Show every pair of this person and why it is or is not listed.")
@click.option("--out", metavar="FILE", help="Write to FILE instead of standard output.")
@click.option("--area", metavar="NAME",
              help="Only the pairs whose adult or child has evidence in this area (its ID or name, "
                   "`graph-service areas list`).")
@click.option("--purpose", help="Why you need the list (recorded in the audit log).")
def command(as_of, lookback_days: int, fmt: str | None, person_id: str | None, out: str | None,
            area: str | None, purpose: str | None) -> None:
    """Child Abduction Warning Notice candidates as of a date, with reasons and evidence."""
    from graph_service.analysis.area_filter import AreaError, candidates_in_area, choose_area

    day = as_of.date() if as_of else None
    if person_id and area:
        raise click.UsageError("--area narrows the list; --explain shows every pair of one person")
    if person_id and fmt in ("csv", "html"):
        raise click.UsageError("--explain prints text or json; use --format text or --format json")
    if not person_id and fmt == "text":
        raise click.UsageError("the list prints json, csv or html; --format text is for --explain")
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        if person_id:
            if not db.read("candidates/people_exist", person_ids=[person_id]):
                raise click.ClickException(f"no person with ID {person_id!r} is stored")
            explained = explain(db, person_id, day, lookback_days)
        else:
            try:
                chosen = choose_area(db, area)
            except AreaError as problem:
                raise click.ClickException(str(problem)) from None
            result = candidate_list(db, day, lookback_days)
            if chosen is not None:
                result = candidates_in_area(result, chosen.people)
    if person_id:
        record(settings, "candidates.explain", [person_id], purpose,
               detail=parameters(as_of=explained["as_of"], lookback_days=lookback_days, format=fmt or "text", out=out))
        emit(to_json(explained) if fmt == "json" else explain_text(explained), out)
        return
    ids = sorted({p for line in result.candidates + result.excluded for p in (line.adult_id, line.child_id)})
    record(settings, f"candidates.export.{fmt or 'json'}", ids, purpose,
           detail=parameters(as_of=result.as_of.isoformat(), lookback_days=lookback_days, format=fmt or "json",
                             out=out, area=chosen.area_id if chosen else None))
    if fmt == "csv":
        emit(packs.candidates_csv(result), out)
    elif fmt == "html":
        emit(packs.candidates_html(result, generated_by=operator(), area=chosen.name if chosen else None), out)
    else:
        emit(to_json({**result.to_dict(), **({"area": chosen.as_json()} if chosen else {})}), out)


def explain_text(explained: dict) -> str:
    person_id = explained["person_id"]
    head = (f"{person_id} as of {explained['as_of']} (evidence window {explained['lookback_days']} days): "
            f"{len(explained['pairs'])} pair{'s' if len(explained['pairs']) != 1 else ''} with evidence of association")
    lines = [head]
    if not explained["pairs"]:
        lines.append("  No evidence of association with anyone exists on this date.")
    for pair in explained["pairs"]:
        lines.append("")
        if pair["status"] == "not_listed":
            lines.append(f"NOT LISTED  {' / '.join(pair['person_ids'])}")
            lines.append(f"  {pair['reason']}")
        elif pair["status"] == "excluded":
            lines.append(f"EXCLUDED    adult {pair['adult_id']}, child {pair['child_id']}: {pair['reason_code']}")
            lines.append(f"  {pair['reason']}")
        else:
            lines.append(f"CANDIDATE   adult {pair['adult_id']}, child {pair['child_id']}: "
                         f"{', '.join(pair['legal_bases'])}, score {pair['score']}, permission statement "
                         f"{'held' if pair['statement_held'] else 'not held'}")
            lines += [f"  - {reason}" for reason in pair["reasons"]]
        if pair["status"] != "candidate":
            for item in pair.get("evidence", []):
                lines.append(f"  evidence {item['id']}: {item['kind']}, {item['date'] or 'undated'}, "
                             f"graded {'/'.join(item['grades'])}")
    return "\n".join(lines)
