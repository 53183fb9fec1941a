"""``graph-service notices``: abduction warning notices (docs/casework.md#notices). List them in
order of concern, show one, record a permission statement, a notice served for an approved
candidate, and a notice withdrawn or expired. Every listing and change is audited, a change
inside its transaction; each change is followed by an evaluation of the alert rules."""

from __future__ import annotations

from pathlib import Path

import click

from graph_service import settings as service_settings
from graph_service.analysis import notices
from graph_service.analysis.candidates import review
from graph_service.cli.auditing import operator, parameters, record, require_intact
from graph_service.cli.output import echo_json, echo_table
from graph_service.db import connect
from graph_service.vocabulary import NOTICE_BASES
from graph_service.web.paging import MAX_PER_PAGE


@click.group("notices")
def command() -> None:
    """Abduction warning notices: list, show, print the letter, record a statement, serve, withdraw, expire."""


@command.command("list")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, MAX_PER_PAGE), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print items, total, page, pages, per_page.")
def list_notices(page, per_page, as_json) -> None:
    """Notices in order of concern: breached, active, then withdrawn or expired."""
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        items, total = notices.notices_page(db, page, per_page)
    record(settings, "notices.view", [pid for n in items for pid in (n["adult_id"], n["child_id"])],
           detail=parameters(page=page, json=as_json))
    pages = max(1, -(-total // per_page))
    if as_json:
        echo_json({"items": items, "total": total, "page": page, "pages": pages, "per_page": per_page})
        return
    echo_table([{"notice": n["notice_id"], "adult": f"{n['adult_name']} ({n['adult_id']})",
                 "child": f"{n['child_name']} ({n['child_id']})", "basis": n["basis"], "served": n["issued_on"],
                 "why here": n["reason"]} for n in items])
    click.echo(f"{total} notices; page {page} of {pages}")


def _stored_notice(notice_id: str):
    """The settings, and the notice ``notice_id`` as stored (an error naming it if there is none),
    after checking the audit log is intact: every reader of a notice is audited."""
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:
            return settings, notices.notice(db, notice_id)
        except notices.NoSuchNotice as problem:
            raise click.ClickException(str(problem)) from None


@command.command("show")
@click.argument("notice_id")
def show(notice_id: str) -> None:
    """One notice with its permission statements and breach alerts, as JSON."""
    settings, found = _stored_notice(notice_id)
    record(settings, "notice.view", [notice_id, found["adult_id"], found["child_id"]])
    echo_json(found)


@command.command("letter")
@click.argument("notice_id")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the letter to this HTML file instead of printing it.")
def letter(notice_id: str, out: Path | None) -> None:
    """The notice letter filled from the record, as an HTML document to print and serve
    (self-contained: its style inline, no script); audited as a print (notice.letter)."""
    from graph_service.web.notices import render_letter

    settings, found = _stored_notice(notice_id)
    record(settings, "notice.letter", [notice_id, found["adult_id"], found["child_id"]],
           detail=parameters(out=bool(out)))
    document = render_letter(found, printed_by=operator())
    if out is None:
        click.echo(document)
        return
    out.write_text(document, encoding="utf-8")
    click.echo(f"{notice_id}: the letter is in {out}")


def _change(settings, action: str, ids, detail: str | None = None):
    """The ``before_commit`` of a change: its audit entry, written inside the transaction."""
    return lambda stored: record(settings, action, [*ids(stored)], detail=detail)


@command.command("record")
@click.option("--adult", "adult_id", required=True, metavar="ID")
@click.option("--child", "child_id", required=True, metavar="ID")
@click.option("--made-by", "made_by_id", required=True, metavar="ID",
              help="The parent, carer or local authority officer who made the statement (a stored person).")
@click.option("--made-on", required=True, metavar="YYYY-MM-DD")
def record_statement(adult_id, child_id, made_by_id, made_on) -> None:
    """Record a permission statement: the adult has no permission to be with the child."""
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:
            made = notices.record_statement(
                db, adult_id, child_id, made_by_id, made_on, user=operator(),
                before_commit=_change(settings, "notice.statement", lambda s: (adult_id, child_id, s["made_by_id"])))
        except review.ReviewError as problem:
            raise click.ClickException(str(problem)) from None
    click.echo(f"{made['statement_id']}: statement made on {made['made_on']} by {made['made_by_id']} recorded")


@command.command("serve")
@click.option("--adult", "adult_id", required=True, metavar="ID")
@click.option("--child", "child_id", required=True, metavar="ID")
@click.option("--basis", required=True, type=click.Choice(NOTICE_BASES))
@click.option("--issued-on", required=True, metavar="YYYY-MM-DD", help="The day the notice was served.")
@click.option("--officer", "served_by", required=True, help="The officer who served it.")
def serve(adult_id, child_id, basis, issued_on, served_by) -> None:
    """Record a notice served for an approved candidate (the newest decision on the pair)."""
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:
            served, created = notices.serve(
                db, adult_id, child_id, basis, issued_on, served_by, user=operator(),
                before_commit=_change(settings, "notice.serve", lambda n: (n["notice_id"], adult_id, child_id),
                                      detail=parameters(basis=basis, issued_on=issued_on)))
        except review.ReviewError as problem:
            raise click.ClickException(str(problem)) from None
    for warning in served["warnings"]:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{served['notice_id']}: served on {served['issued_on']} by {served['served_by']}; "
               f"{len(created)} new alerts")


def _end(status: str, notice_id: str, ended_on: str, reason: str) -> None:
    settings = service_settings.load()
    require_intact(settings)
    with connect(settings) as db:
        try:
            changed, created = notices.end(
                db, notice_id, status, ended_on, reason, user=operator(),
                before_commit=_change(settings, "notice.end", lambda n: (notice_id, n["adult_id"], n["child_id"]),
                                      detail=f"{status} on {ended_on}: {reason}"[:500]))
        except review.ReviewError as problem:
            raise click.ClickException(str(problem)) from None
    click.echo(f"{notice_id}: {changed['status']} on {changed['ended_on']}; {len(created)} new alerts")


@command.command("withdraw")
@click.argument("notice_id")
@click.option("--on", "ended_on", required=True, metavar="YYYY-MM-DD", help="The day it was withdrawn.")
@click.option("--reason", required=True)
def withdraw(notice_id, ended_on, reason) -> None:
    """Record a notice withdrawn: contact from that day raises no breach alert."""
    _end("withdrawn", notice_id, ended_on, reason)


@command.command("expire")
@click.argument("notice_id")
@click.option("--on", "ended_on", required=True, metavar="YYYY-MM-DD", help="The day it expired.")
@click.option("--reason", required=True)
def expire(notice_id, ended_on, reason) -> None:
    """Record a notice expired: contact from that day raises no breach alert."""
    _end("expired", notice_id, ended_on, reason)
