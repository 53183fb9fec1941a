"""``graph-service ingest PATH...``: load intake files (docs/intake-format.md) into the graph."""

from __future__ import annotations

from pathlib import Path

import click
from neo4j.exceptions import DriverError, Neo4jError

from graph_service import settings as service_settings
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from graph_service.db.access import memory_refusal
from ingest import IngestRejected, ingest_paths
from ingest.records import RECORD_TYPES
from ingest.rejects import rejected_records

#: Problems printed on the terminal; the rejects file (--rejects) holds all of them.
SHOWN_PROBLEMS = 50


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--load-valid", is_flag=True,
              help="Load the valid records even if some are rejected (needs --rejects).")
@click.option("--rejects", "rejects_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write every rejected record's file:line, field and reason to FILE.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as a JSON object.")
def command(paths: tuple[Path, ...], load_valid: bool, rejects_file: Path | None, as_json: bool) -> None:
    """Ingest intake files: *.jsonl and <type>.csv files, or directories of them.

    All or nothing: if any record is rejected, nothing is written and the exit status is 1.
    With --load-valid --rejects FILE the valid records are loaded, the rejected ones are
    written to FILE with their reasons, and the exit status is still 1.
    """
    if load_valid and rejects_file is None:
        raise click.UsageError("--load-valid needs --rejects FILE, so the rejected records are kept with their reasons")
    settings = service_settings.load()
    with connect(settings) as db:
        try:
            report = ingest_paths(db, list(paths), load_valid=load_valid, rejects=rejects_file,
                                  progress=not as_json, publish_batch=settings.publish_batch)
        except IngestRejected as rejected:
            count = rejected_records(rejected.rejects)
            if as_json:
                echo_json({"written": False, "rejected": count, "rejects": [str(r) for r in rejected.rejects]})
            _print_problems(rejected.rejects, rejects_file)
            click.echo(f"error: {count} record{'s' if count != 1 else ''} rejected; nothing was written", err=True)
            click.echo("hint: correct the records and ingest again, or load the valid ones with "
                       "--load-valid --rejects FILE", err=True)
            raise SystemExit(1) from None
        except (Neo4jError, DriverError) as problem:
            # The publish did not commit: nothing was published, and what was staged has been
            # removed (or, if the server was unreachable, is removed by the next ingest).
            _database_refused(problem)
    if as_json:
        echo_json(report.to_dict())
    else:
        _print_summary(report)
    if report.rejects:
        _print_problems(report.rejects, rejects_file)
        click.echo(f"error: {report.rejected} record{'s' if report.rejected != 1 else ''} rejected "
                   f"(the valid ones were loaded); reasons in {rejects_file}", err=True)
        raise SystemExit(1)


def _database_refused(problem: Exception) -> None:
    # A refusal for want of memory may come wrapped (a transaction shared by threads fails as
    # a whole): its own code and words are the ones to show.
    refusal = memory_refusal(problem)
    shown = refusal or problem
    code = getattr(shown, "code", None) or type(shown).__name__
    message = getattr(shown, "message", None) or str(shown)
    click.echo(f"error: the database did not take the ingest ({code}): {message}", err=True)
    click.echo("nothing from this ingest was written", err=True)
    if refusal is not None:
        click.echo("hint: the publishing transaction gives up to GRAPH_SERVICE_PUBLISH_BATCH new records "
                   "their label and merges every record that changes a stored one (docs/scaling.md): lower "
                   "GRAPH_SERVICE_PUBLISH_BATCH, give Neo4j more memory (NEO4J_HEAP), or ingest the changes "
                   "to stored records in several parts", err=True)
    elif "Transient" in code or "Deadlock" in code:
        # Ingests run one at a time (ingest.run), so the other writer was another command,
        # such as networks detect writing network membership onto the same people.
        click.echo("hint: another command was writing the same records at the same time; run this one again",
                   err=True)
    raise SystemExit(1)


def _print_problems(rejects, rejects_file: Path | None) -> None:
    for reject in rejects[:SHOWN_PROBLEMS]:
        click.echo(str(reject), err=True)
    if len(rejects) > SHOWN_PROBLEMS:
        where = f"all of them are in {rejects_file}" if rejects_file else "write all of them with --rejects FILE"
        click.echo(f"... and {len(rejects) - SHOWN_PROBLEMS} more problems ({where})", err=True)


def _print_summary(report) -> None:
    rows = [
        {"type": kind, "created": report.created[kind], "updated": report.updated[kind],
         "unchanged": report.unchanged[kind]}
        for kind in RECORD_TYPES
        if report.created[kind] or report.updated[kind] or report.unchanged[kind]
    ]
    echo_table(rows)
    rate = report.read / report.seconds if report.seconds else 0
    click.echo(f"{report.read} records read from {len(report.files)} file{'s' if len(report.files) != 1 else ''} "
               f"in {report.seconds:.1f} s ({rate:,.0f} records/s); "
               f"{sum(report.created.values())} created, {sum(report.updated.values())} updated, "
               f"{report.rejected} rejected")
